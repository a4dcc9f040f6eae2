({
    // The bridge reads status, its channels, works and workload when it starts. When all of
    // them are refused, nothing has ever answered and no Omni-Channel event came, Omni-Channel
    // may be missing from this app, or the rep may simply be logged out of it: what
    // lightning:omniToolkitAPI answers for a logged-out rep is not documented (each method's
    // page, e.g. getServicePresenceStatusId, says only that it returns a promise:
    // https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-lightning-getservicepresencestatusid.html).
    // So this is advice (the host's notice), never a stop: the bridge keeps running, and the
    // rep can still go online through it (login, setServicePresenceStatus).
    startReads: function () {
        return 4;
    },

    // The twelve lightning:omniToolkitAPI methods; nothing else may be called through the bridge.
    toolkitMethods: function () {
        return [
            'acceptAgentWork',
            'declineAgentWork',
            'closeAgentWork',
            'getAgentWorks',
            'getAgentWorkload',
            'getServicePresenceStatusChannels',
            'getServicePresenceStatusId',
            'login',
            'logout',
            'raiseAgentWorkFlag',
            'lowerAgentWorkFlag',
            'setServicePresenceStatus'
        ];
    },

    // Runs one toolkit method and hands its outcome (data only) back to omniBridgeCore.
    runToolkitCall: function (cmp, callId, method, args) {
        var helper = this;
        var toolkit = cmp.find('omniToolkit');
        var call;
        if (helper.toolkitMethods().indexOf(method) < 0) {
            helper.complete(cmp, callId, false, 'Not a toolkit method: ' + method);
            return;
        }
        if (!toolkit || typeof toolkit[method] !== 'function') {
            helper.reportProblem(cmp, $A.get('$Label.c.OmniKit_BridgeNoToolkit'));
            helper.complete(cmp, callId, false, 'lightning:omniToolkitAPI is not available');
            return;
        }
        try {
            call = args ? toolkit[method](args) : toolkit[method]();
        } catch (error) {
            call = Promise.reject(error);
        }
        Promise.resolve(call).then(
            $A.getCallback(function (value) {
                if (!cmp.isValid()) {
                    return;
                }
                cmp.set('v.answered', true);
                helper.clearNotice(cmp);
                helper.complete(cmp, callId, true, value);
            }),
            $A.getCallback(function (error) {
                if (!cmp.isValid()) {
                    return;
                }
                helper.noteRejection(cmp);
                helper.complete(cmp, callId, false, helper.messageOf(error));
            })
        );
    },

    complete: function (cmp, callId, ok, valueOrMessage) {
        var core = cmp.find('core');
        if (core) {
            core.completeToolkitCall(callId, ok, valueOrMessage);
        }
    },

    noteRejection: function (cmp) {
        var rejections = (cmp.get('v.rejections') || 0) + 1;
        cmp.set('v.rejections', rejections);
        if (!cmp.get('v.answered') && !cmp.get('v.heardOmni') && rejections >= this.startReads()) {
            this.reportNotice(cmp, $A.get('$Label.c.OmniKit_BridgeNoOmni'));
        }
    },

    // A definitive problem (no lightning:omniToolkitAPI in this host): stops the bridge
    // (omniBridgeCore's hostProblem), shows the text in the utility's panel and writes it to the
    // console once, for the admin.
    reportProblem: function (cmp, text) {
        if (cmp.get('v.problem')) {
            return;
        }
        cmp.set('v.problem', text);
        if (!cmp.get('v.problemLogged')) {
            cmp.set('v.problemLogged', true);
            // eslint-disable-next-line no-console
            console.error('Omni Console Kit: ' + text);
        }
    },

    // Advice only (Omni-Channel has not answered yet): the panel shows it as a warning line
    // while the bridge keeps running; written to the console once, for the admin.
    reportNotice: function (cmp, text) {
        if (cmp.get('v.notice')) {
            return;
        }
        cmp.set('v.notice', text);
        if (!cmp.get('v.noticeLogged')) {
            cmp.set('v.noticeLogged', true);
            // eslint-disable-next-line no-console
            console.warn('Omni Console Kit: ' + text);
        }
    },

    // Something answered, or an Omni-Channel event came: Omni-Channel is there, the advice is moot.
    clearNotice: function (cmp) {
        if (cmp.get('v.notice')) {
            cmp.set('v.notice', '');
        }
    },

    messageOf: function (error) {
        if (error && typeof error.message === 'string') {
            return error.message;
        }
        return typeof error === 'string' ? error : JSON.stringify(error);
    },

    forward: function (cmp, eventName, evt) {
        var core;
        cmp.set('v.heardOmni', true);
        this.clearNotice(cmp);
        core = cmp.find('core');
        if (core) {
            core.handleOmniEvent(eventName, evt.getParams());
        }
    }
});
