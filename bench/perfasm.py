#!/usr/bin/env python3
"""Instruction-level profile of JIT-compiled code without hsdis (JMH's perfasm needs hsdis and
hardware counters; this VM has neither).

Inputs:
  ASM_LOG  the JVM's output with -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
           -XX:CompileCommand=print,CLASS::METHOD ... -XX:PrintAssemblyOptions=hsdis-print-bytes:
           without hsdis the JVM prints each compiled method as hex bytes between its debug-info
           comments ("abstract disassembly")
  IPS      `perf script -F ip` of `perf record -e cpu-clock -p PID` taken while it ran

Output: the compiled methods that hold the most samples; in each, the instructions (decoded
with objdump) that hold at least MIN_PERCENT of all samples, with a few before them and the
Java source line C2 recorded for them. A sample lands on the instruction that was waiting to
retire, so a load that misses the cache shows on itself or the instruction after it.

usage: perfasm.py ASM_LOG IPS [MIN_PERCENT=0.5] [METHODS=8]
See docs/performance.md ("How the profiles were taken") for the whole command sequence.
"""
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile


def parse_methods(path):
    methods, current, last_comment = [], None, None
    address = re.compile(r'^\s*0x([0-9a-f]+): (.*)$')
    for line in open(path, errors='replace'):
        if line.startswith('Compiled method'):
            current = {'name': line.strip(), 'bytes': {}, 'comments': collections.defaultdict(list)}
            methods.append(current)
            continue
        if current is None:
            continue
        match = address.match(line)
        if match:
            at, rest = int(match.group(1), 16), match.group(2)
            if rest.startswith(';'):
                last_comment = at
                current['comments'][at].append(rest.strip())
                continue
            words = rest.replace('|', ' ').split()
            if words and all(re.fullmatch(r'[0-9a-f]+', w) for w in words):
                for i, b in enumerate(bytes.fromhex(''.join(words))):
                    current['bytes'][at + i] = b
        elif line.strip().startswith(';') and last_comment is not None:
            current['comments'][last_comment].append(line.strip())
    methods = [m for m in methods if m['bytes']]
    for m in methods:
        m['start'], m['end'] = min(m['bytes']), max(m['bytes']) + 1
    return methods


def disassemble(m):
    code = bytes(m['bytes'].get(a, 0x90) for a in range(m['start'], m['end']))
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(code)
    try:
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64',
                              f'--adjust-vma={m["start"]:#x}', f.name],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    instructions = []
    for line in out.splitlines():
        match = re.match(r'^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(.*)$', line)
        if match:
            instructions.append((int(match.group(1), 16), match.group(3)))
    return instructions


def main():
    asm_log, ips_path = sys.argv[1], sys.argv[2]
    min_percent = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    methods = parse_methods(asm_log)
    samples = collections.Counter()
    for line in open(ips_path):
        try:
            samples[int(line.split()[0], 16)] += 1
        except (ValueError, IndexError):
            pass
    total = sum(samples.values())
    print(f'{total} samples')
    owner = {}
    per_method = collections.Counter()
    for ip, count in samples.items():
        for index in range(len(methods) - 1, -1, -1):  # code cache reuse: the latest compile wins
            if methods[index]['start'] <= ip < methods[index]['end']:
                owner[ip] = index
                per_method[index] += count
                break
    for index, count in per_method.most_common(top):
        m = methods[index]
        print(f"\n===== {100.0 * count / total:5.1f}%  {m['name']}")
        instructions = disassemble(m)
        starts = [a for a, _ in instructions]
        counts = collections.Counter()
        for ip, c in samples.items():
            if owner.get(ip) == index:
                j = bisect.bisect_right(starts, ip) - 1
                if j >= 0:
                    counts[starts[j]] += c
        comment_at = sorted(m['comments'])

        def source(at):
            i = bisect.bisect_right(comment_at, at) - 1
            for text in (m['comments'][comment_at[i]] if i >= 0 else []):
                if text.startswith('; - '):
                    return text[4:]
            return ''

        shown = set()
        for j, (at, _) in enumerate(instructions):
            if 100.0 * counts[at] / total >= min_percent:
                shown.update(range(max(0, j - 6), min(len(instructions), j + 2)))
        previous, last_source = -2, None
        for j in sorted(shown):
            at, text = instructions[j]
            if j != previous + 1:
                print('  ...')
            where = source(at)
            print(f'  {100.0 * counts[at] / total:5.2f}%  {at:#x}: {text:48s} {where if where != last_source else ""}')
            previous, last_source = j, where


if __name__ == '__main__':
    main()
