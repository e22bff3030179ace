package org.flowgate.mgmt.reply;

/**
 * The replies of the views that are rendered whole (every view but the streamed session list): one
 * record model each, read by one text renderer and one reply tree (XML and JSON), so the formats
 * cannot disagree on a value.
 */
public sealed interface ViewReply
    permits FlowStatisticsReply,
        FlowStatusReply,
        MonitoringReply,
        VersionReply,
        UptimeReply,
        ChassisHardwareReply,
        ZonesReply,
        PoliciesReply,
        PolicyHitCountReply,
        MatchPoliciesReply,
        RouteReply,
        InterfacesTerseReply,
        AlgStatusReply,
        SipCallsReply,
        SipCountersReply,
        RpcAlgTableReply,
        ScreenStatisticsReply,
        ScreenIdsOptionReply,
        ScreenClearReply,
        OperatorReply,
        AlgReply,
        AppServicesReply {}
