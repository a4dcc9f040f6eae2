({
    // omniBridgeCore asks for a toolkit call with a toolkitcall event (data: callId, method, args).
    onToolkitCall: function (cmp, evt, helper) {
        helper.runToolkitCall(cmp, evt.getParam('callId'), evt.getParam('method'), evt.getParam('args'));
    },
    onBridgeState: function (cmp, evt) {
        cmp.set('v.bridgeState', {
            running: evt.getParam('running'),
            bridgeId: evt.getParam('bridgeId'),
            leading: evt.getParam('leading')
        });
    },
    onConnectionError: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelConnectionError', evt);
    },
    onLoginSuccess: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelLoginSuccess', evt);
    },
    onStatusChanged: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelStatusChanged', evt);
    },
    onLogout: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelLogout', evt);
    },
    onWorkAssigned: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelWorkAssigned', evt);
    },
    onWorkAccepted: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelWorkAccepted', evt);
    },
    onWorkDeclined: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelWorkDeclined', evt);
    },
    onWorkClosed: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelWorkClosed', evt);
    },
    onWorkFlagUpdated: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelWorkFlagUpdated', evt);
    },
    onWorkloadChanged: function (cmp, evt, helper) {
        helper.forward(cmp, 'omniChannelWorkloadChanged', evt);
    }
});
