import { StableViews } from '../stableViews';
import {
    buildCapacity,
    buildRow,
    buildRows,
    joinParts,
    logoutText,
    missingSummaries,
    newWorkNotice,
    utilityLabel,
    type WorkItemSummary
} from '../viewModel';
import { formatDuration, formatLabel } from 'c/omniPanelLabels';
import { initialSnapshot, toId18, type OmniAgentSnapshot, type OmniWork, type SalesforceId } from 'c/omniTypes';

const id = (raw: string) => toId18(raw) as SalesforceId;
function work(partial: Omit<Partial<OmniWork>, 'workId' | 'workItemId'> & { workId: string; workItemId: string }): OmniWork {
    return {
        state: 'accepted',
        isEngaged: true,
        assignedAt: null,
        acceptedAt: null,
        flag: null,
        ...partial,
        workId: id(partial.workId),
        workItemId: id(partial.workItemId)
    };
}

describe('formatting', () => {
    it.each([
        [0, '0:00'],
        [42_000, '0:42'],
        [725_000, '12:05'],
        [3_723_000, '1:02:03'],
        [-5_000, '0:00']
    ])('formatDuration(%p) is %p', (ms, text) => {
        expect(formatDuration(ms)).toBe(text);
    });

    it('fills label placeholders and leaves unknown ones', () => {
        expect(formatLabel('{0} of {1} used', 2, 5)).toBe('2 of 5 used');
        expect(formatLabel('{0} and {2}', 'a')).toBe('a and {2}');
    });
});

describe('rows', () => {
    it('puts work waiting for acceptance first, oldest first', () => {
        const rows = buildRows(
            [
                work({ workId: '0BzRM0000000001', workItemId: '500RM0000000001', state: 'accepted', assignedAt: 1 }),
                work({ workId: '0BzRM0000000002', workItemId: '500RM0000000002', state: 'assigned', assignedAt: 30 }),
                work({ workId: '0BzRM0000000003', workItemId: '500RM0000000003', state: 'assigned', assignedAt: 20 })
            ],
            new Map(),
            100
        );
        expect(rows.map((r) => r.workId)).toEqual([id('0BzRM0000000003'), id('0BzRM0000000002'), id('0BzRM0000000001')]);
    });

    it('knows the channel from the record id before Apex answers, and says when work predates this console session', () => {
        const row = buildRow(work({ workId: '0BzRM0000000001', workItemId: '0MwRM0000000001' }), undefined, 0);
        expect(row).toMatchObject({ title: 'Loading details...', channelLabel: 'Messaging', iconName: 'standard:messaging_session' });
        expect(row.assignedText).toBe('Assigned before this console session');
        expect(row.acceptedText).toBe('Accepted before this console session');
    });

    it('shows an agent-lowered flag as no flag, a supervisor-lowered flag as such', () => {
        const lowered = { isFlagged: false, message: null, updatedBy: null, updatedAt: 0 };
        expect(
            buildRow(
                work({ workId: '0BzRM0000000001', workItemId: '500RM0000000001', flag: { ...lowered, roleUpdatedBy: 'AGENT' } }),
                undefined,
                0
            ).flag
        ).toBeNull();
        expect(
            buildRow(
                work({ workId: '0BzRM0000000001', workItemId: '500RM0000000001', flag: { ...lowered, roleUpdatedBy: 'SUPERVISOR' } }),
                undefined,
                0
            ).flag
        ).toMatchObject({
            text: 'Your supervisor lowered the flag',
            bySupervisor: true
        });
    });

    it('asks Apex only for records it has not described yet, each once', () => {
        const works = [
            work({ workId: '0BzRM0000000001', workItemId: '500RM0000000001' }),
            work({ workId: '0BzRM0000000002', workItemId: '500RM0000000001' }),
            work({ workId: '0BzRM0000000003', workItemId: '500RM0000000002' })
        ];
        const known = new Map([
            [
                id('500RM0000000002'),
                {
                    workItemId: id('500RM0000000002'),
                    objectApiName: 'Case',
                    objectLabel: 'Case',
                    title: '1',
                    subtitle: null,
                    iconName: 'standard:case'
                }
            ]
        ]);
        expect(missingSummaries(works, known)).toEqual([id('500RM0000000001')]);
    });
});

describe('row texts', () => {
    const caseSummary: WorkItemSummary = {
        workItemId: id('500RM0000000001'),
        objectApiName: 'Case',
        objectLabel: 'Case',
        title: '00001026',
        subtitle: 'Printer on fire',
        iconName: 'standard:case'
    };

    it('says whether the rep is engaged with accepted work, and nothing about it for work still waiting', () => {
        const accepted = (isEngaged: boolean) =>
            buildRow(
                work({ workId: '0BzRM0000000001', workItemId: '500RM0000000001', isEngaged, acceptedAt: 0, assignedAt: 0 }),
                caseSummary,
                65_000
            );
        expect(accepted(true)).toMatchObject({ isEngaged: true, stateText: 'Case · In progress · Engaged' });
        expect(accepted(false)).toMatchObject({ isEngaged: false, stateText: 'Case · In progress · Not engaged' });
        expect(accepted(true).timesText).toBe('Assigned 1:05 ago · Accepted 1:05 ago');
        const waiting = buildRow(
            work({ workId: '0BzRM0000000002', workItemId: '500RM0000000001', state: 'assigned', isEngaged: false, assignedAt: 60_000 }),
            caseSummary,
            65_000
        );
        expect(waiting).toMatchObject({ stateText: 'Case · Waiting to be accepted', timesText: 'Assigned 0:05 ago', acceptedText: null });
    });

    it('leaves out the channel it cannot name', () => {
        const row = buildRow(work({ workId: '0BzRM0000000001', workItemId: '001RM0000000001' }), undefined, 0);
        expect(row.stateText).toBe('In progress · Engaged');
        expect(row.iconName).toBe('standard:record');
    });

    it('puts the flag message after who raised it, and ignores a blank message', () => {
        const flagged = (message: string | null) =>
            buildRow(
                work({
                    workId: '0BzRM0000000001',
                    workItemId: '500RM0000000001',
                    flag: { isFlagged: true, message, roleUpdatedBy: 'SUPERVISOR', updatedBy: null, updatedAt: 0 }
                }),
                undefined,
                0
            ).flag;
        expect(flagged('Call me')).toMatchObject({ text: 'Flag raised by your supervisor: Call me', message: 'Call me' });
        expect(flagged('   ')).toMatchObject({ text: 'Flag raised by your supervisor', message: null });
        expect(flagged(null)).toMatchObject({ text: 'Flag raised by your supervisor', message: null });
    });

    it('joins only the parts that have text', () => {
        expect(joinParts('a', null, '', 'b', undefined, 'c')).toBe('a · b · c');
        expect(joinParts('only')).toBe('only');
        expect(joinParts(null, '')).toBe('');
    });

    it.each([
        ['DuplicateLogin', 'You were logged out of Omni-Channel because you logged in somewhere else.'],
        ['DuplicateLoginInSameBrowser', 'You were logged out of Omni-Channel because you logged in again in another tab of this browser.'],
        ['MaintenanceLogout', 'Omni-Channel logged you out for maintenance. Go online again in a few minutes.'],
        ['OmniSupervisorLogout', 'Your supervisor logged you out of Omni-Channel.']
    ] as const)('words the logout reason %s for the rep', (reason, sentence) => {
        expect(logoutText(reason)).toBe(sentence);
    });

    it('has no logout sentence without a reason', () => {
        expect(logoutText(null)).toBeNull();
    });

    it('names new work by record, else by channel, else plainly', () => {
        expect(newWorkNotice(caseSummary.workItemId, caseSummary)).toBe('New work: 00001026 · Printer on fire');
        expect(newWorkNotice(caseSummary.workItemId, { ...caseSummary, subtitle: null })).toBe('New work: 00001026');
        // A record the rep cannot open: its object, not "null".
        expect(newWorkNotice(caseSummary.workItemId, { ...caseSummary, title: null })).toBe('New work: Case');
        // The stand-in for a record Apex could not describe carries the id as title: not shown to the rep.
        const standIn = { ...caseSummary, objectApiName: '', objectLabel: '', title: caseSummary.workItemId, subtitle: null };
        expect(newWorkNotice(caseSummary.workItemId, standIn)).toBe('New work: Case');
        expect(newWorkNotice(id('0LQRM0000000001'), undefined)).toBe('New work: Voice Call');
        expect(newWorkNotice(id('001RM0000000001'), undefined)).toBe('New work is waiting for you.');
    });
});

describe('capacity and utility label', () => {
    it('builds capacity in units and percentage models, capped at 100%', () => {
        expect(
            buildCapacity({
                configuredCapacity: 100,
                currentWorkload: 40,
                configuredInterruptibleCapacity: null,
                currentInterruptibleWorkload: null
            })
        ).toMatchObject({
            percent: 40,
            usedText: '40 of 100 used',
            atCapacity: false,
            interruptibleText: null
        });
        expect(
            buildCapacity({
                configuredCapacity: 5,
                currentWorkload: 7,
                configuredInterruptibleCapacity: 0,
                currentInterruptibleWorkload: 0
            })
        ).toMatchObject({
            percent: 100,
            atCapacity: true
        });
        expect(
            buildCapacity({
                configuredCapacity: 0,
                currentWorkload: 0,
                configuredInterruptibleCapacity: null,
                currentInterruptibleWorkload: null
            })
        ).toBeNull();
        expect(buildCapacity(null)).toBeNull();
    });

    it('labels the utility with status and load, or Offline', () => {
        const online: OmniAgentSnapshot = {
            ...initialSnapshot(0),
            loginState: 'loggedIn',
            presence: { statusId: id('0N5RM0000000001'), statusName: 'Available', statusApiName: 'Available', channels: [], since: 0 },
            workload: {
                configuredCapacity: 5,
                currentWorkload: 2,
                configuredInterruptibleCapacity: null,
                currentInterruptibleWorkload: null
            }
        };
        expect(utilityLabel(online)).toBe('Available 2/5');
        expect(utilityLabel({ ...online, workload: null })).toBe('Available');
        expect(utilityLabel({ ...online, loginState: 'loggedOut' })).toBe('Offline');
        expect(utilityLabel(null)).toBe('Offline');
    });
});

describe('StableViews', () => {
    it('hands back the same object while nothing in it changed, a new one when something did', () => {
        const views = new StableViews<{ workId: string; text: string }>();
        const first = views.keep('w1', { workId: 'w1', text: 'Assigned 0:01 ago' });
        expect(views.keep('w1', { workId: 'w1', text: 'Assigned 0:01 ago' })).toBe(first);
        const changed = views.keep('w1', { workId: 'w1', text: 'Assigned 0:02 ago' });
        expect(changed).not.toBe(first);
        expect(changed.text).toBe('Assigned 0:02 ago');
        expect(views.keep('w1', { workId: 'w1', text: 'Assigned 0:02 ago' })).toBe(changed);
    });

    it('forgets the views of keys that are gone', () => {
        const views = new StableViews<{ id: string }>();
        const a = views.keep('a', { id: 'a' });
        views.keep('b', { id: 'b' });
        views.retainOnly(new Set(['a']));
        expect(views.size).toBe(1);
        expect(views.keep('a', { id: 'a' })).toBe(a);
    });
});
