({
    // The bridge reads status, its channels, works and workload when it starts: when all of
    // them are refused, nothing has ever answered and no Omni-Channel event came, the toolkit
    // is not reachable (no Omni-Channel in this app) and the host says so.
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
            this.reportProblem(cmp, $A.get('$Label.c.OmniKit_BridgeNoOmni'));
        }
    },

    // Stops the bridge (omniBridgeCore's hostProblem), shows the text in the utility's panel and
    // writes it to the console once, for the admin.
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

    messageOf: function (error) {
        if (error && typeof error.message === 'string') {
            return error.message;
        }
        return typeof error === 'string' ? error : JSON.stringify(error);
    },

    forward: function (cmp, eventName, evt) {
        var core;
        cmp.set('v.heardOmni', true);
        // An Omni-Channel event proves Omni is there after all (the rep went online in the
        // Omni-Channel utility): the bridge starts again.
        if (cmp.get('v.problem') && cmp.get('v.problem') === $A.get('$Label.c.OmniKit_BridgeNoOmni')) {
            cmp.set('v.rejections', 0);
            cmp.set('v.problem', '');
        }
        core = cmp.find('core');
        if (core) {
            core.handleOmniEvent(eventName, evt.getParams());
        }
    }
});
