package org.flowgate.dataplane.flow.alg;

/**
 * One SPU's resource manager: the groups its ALGs open and the resources (gates and sessions) in
 * them, in fixed pools. A group is one ALG conversation (an FTP control connection, a SIP call, an
 * RTSP session, a PPTP tunnel, a portmapper exchange); its resources are the control session, the
 * gates it opened and the child sessions those gates became.
 *
 * <pre>
 *   group ──┬── resource (session)  the control session
 *           ├── resource (gate)     an expected connection, in the GateTable
 *           └── resource (session)  a child: the gate it came through is gone, the session stays
 *
 * ids: set by AlgEngine so that they are the same whatever the SPU count: a group and its control
 *      session take the control session's id, a child its session id, a gate the ordinal of the
 *      packet that announced it; (spu &lt;&lt; 24) | n until then
 * a group is freed when its last resource goes and no control state holds it
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing after construction.
 */
final class ResourceManager {
  static final int GATE = 1;
  static final int SESSION = 2;
  static final int NONE = -1;

  private final int spu;

  // groups
  private final int groupCapacity;
  final int[] groupId;
  final byte[] groupAlg;
  final int[] groupControl; // control state holding the group, NONE when none
  final int[] groupHead; // first resource
  final int[] groupResources;
  final long[] groupCreatedTick;
  final int[] groupPolicy;
  final int[] groupApplication;
  final int[] groupParent; // the signalling group of a SIP call group, NONE otherwise
  final boolean[] groupSignalling; // a SIP registration's: its gates admit control sessions
  final boolean[] groupUsed;
  private final int[] groupFree;
  private int groupFreeCount;
  private int nextGroupNumber = 1;

  // resources
  private final int resourceCapacity;
  final int[] resourceId;
  final int[] resourceGroup;
  final byte[] resourceKind;
  final int[] resourceRef; // gate index or session slot
  final int[] resourceNext;
  final int[] resourcePrev;
  final long[] resourceNat; // a NAT port the resource holds (NatTranslator's encoding), 0 none
  private final int[] resourceFree;
  private int resourceFreeCount;
  private int nextResourceNumber = 1;

  long groupsCreated;
  long groupsFailed;
  long resourcesCreated;
  long resourcesFailed;

  ResourceManager(int spu, int groups, int resources) {
    this.spu = spu;
    this.groupCapacity = groups;
    groupId = new int[groups];
    groupAlg = new byte[groups];
    groupControl = new int[groups];
    groupHead = new int[groups];
    groupResources = new int[groups];
    groupCreatedTick = new long[groups];
    groupPolicy = new int[groups];
    groupApplication = new int[groups];
    groupParent = new int[groups];
    groupSignalling = new boolean[groups];
    groupUsed = new boolean[groups];
    groupFree = new int[groups];
    for (int i = 0; i < groups; i++) {
      groupFree[i] = groups - 1 - i;
    }
    groupFreeCount = groups;
    this.resourceCapacity = resources;
    resourceId = new int[resources];
    resourceGroup = new int[resources];
    resourceKind = new byte[resources];
    resourceRef = new int[resources];
    resourceNext = new int[resources];
    resourcePrev = new int[resources];
    resourceNat = new long[resources];
    resourceFree = new int[resources];
    for (int i = 0; i < resources; i++) {
      resourceFree[i] = resources - 1 - i;
    }
    resourceFreeCount = resources;
  }

  int groupCapacity() {
    return groupCapacity;
  }

  int resourceCapacity() {
    return resourceCapacity;
  }

  int groupsInUse() {
    return groupCapacity - groupFreeCount;
  }

  int resourcesInUse() {
    return resourceCapacity - resourceFreeCount;
  }

  private int id(int number) {
    return spu << 24 | (number & 0xff_ffff);
  }

  /** Opens a group for {@code alg} held by a control state; NONE when the pool is empty. */
  int openGroup(int alg, int control, long nowTick, int policy, int application, int parent) {
    if (groupFreeCount == 0) {
      groupsFailed++;
      return NONE;
    }
    int g = groupFree[--groupFreeCount];
    groupUsed[g] = true;
    groupId[g] = id(nextGroupNumber);
    nextGroupNumber = nextGroupNumber == 0xff_ffff ? 1 : nextGroupNumber + 1;
    groupAlg[g] = (byte) alg;
    groupControl[g] = control;
    groupHead[g] = NONE;
    groupResources[g] = 0;
    groupCreatedTick[g] = nowTick;
    groupPolicy[g] = policy;
    groupApplication[g] = application;
    groupParent[g] = parent;
    groupSignalling[g] = false;
    groupsCreated++;
    return g;
  }

  /** Adds a resource of {@code kind} to a group; NONE when the pool is empty. */
  int addResource(int group, int kind, int ref) {
    if (resourceFreeCount == 0) {
      resourcesFailed++;
      return NONE;
    }
    int r = resourceFree[--resourceFreeCount];
    resourceId[r] = id(nextResourceNumber);
    nextResourceNumber = nextResourceNumber == 0xff_ffff ? 1 : nextResourceNumber + 1;
    resourceGroup[r] = group;
    resourceKind[r] = (byte) kind;
    resourceRef[r] = ref;
    resourceNat[r] = 0;
    resourcePrev[r] = NONE;
    resourceNext[r] = groupHead[group];
    if (groupHead[group] != NONE) {
      resourcePrev[groupHead[group]] = r;
    }
    groupHead[group] = r;
    groupResources[group]++;
    resourcesCreated++;
    return r;
  }

  /** A gate became a session: the same resource now stands for the session in {@code slot}. */
  void becameSession(int resource, int slot) {
    resourceKind[resource] = SESSION;
    resourceRef[resource] = slot;
  }

  /**
   * Takes a resource out of its group and frees it; frees the group too when nothing is left in it
   * and no control state holds it. Returns true when the group was freed.
   */
  boolean removeResource(int r) {
    int g = resourceGroup[r];
    if (resourcePrev[r] != NONE) {
      resourceNext[resourcePrev[r]] = resourceNext[r];
    } else {
      groupHead[g] = resourceNext[r];
    }
    if (resourceNext[r] != NONE) {
      resourcePrev[resourceNext[r]] = resourcePrev[r];
    }
    groupResources[g]--;
    resourceKind[r] = 0;
    resourceFree[resourceFreeCount++] = r;
    return freeIfEmpty(g);
  }

  /** The control state no longer holds the group; frees it when it is empty. */
  boolean releaseControl(int g) {
    groupControl[g] = NONE;
    return freeIfEmpty(g);
  }

  private boolean freeIfEmpty(int g) {
    if (groupResources[g] > 0 || groupControl[g] != NONE || !groupUsed[g]) {
      return false;
    }
    groupUsed[g] = false;
    groupFree[groupFreeCount++] = g;
    return true;
  }

  /** The group with this id, or NONE. */
  int groupOfId(int id) {
    for (int g = 0; g < groupCapacity; g++) {
      if (groupUsed[g] && groupId[g] == id) {
        return g;
      }
    }
    return NONE;
  }
}
