/** The control pane's small parsers and texts. */
import type { SimEvent } from '../../engine/engine';
import type { AgentWork } from '../../engine/model';
import { formatClock } from '../clock';
import { describeEvent } from '../eventText';
import { parseSkills } from '../paneContext';

describe('parseSkills', () => {
    it('reads "Skill: level" pairs, with or without the colon, level 1 when left out', () => {
        expect(parseSkills('English: 5, French 3 ,Billing')).toEqual([
            { skill: 'English', level: 5 },
            { skill: 'French', level: 3 },
            { skill: 'Billing', level: 1 }
        ]);
        expect(parseSkills('  ')).toEqual([]);
    });

    it('names the entry it cannot read', () => {
        expect(() => parseSkills('English: 5, 7')).toThrow('skills: "7" is not "Skill: level"');
        expect(() => parseSkills('French: high')).toThrow('"French: high"');
    });
});

describe('formatClock', () => {
    it('shows hours, minutes and seconds of virtual time', () => {
        expect(formatClock(0)).toBe('00:00:00');
        expect(formatClock(65_999)).toBe('00:01:05');
        expect(formatClock(3_600_000 + 30_000)).toBe('01:00:30');
    });
});

describe('describeEvent', () => {
    const names = { agent: (id: string) => ({ u1: 'Ann', u2: 'Bob' })[id] ?? id, work: () => '00001026', status: () => 'On break' };
    const work = (status: AgentWork['status'], declineReason: string | null = null) =>
        ({ id: 'w1', workItemId: 'i1', userId: 'u1', status, declineReason }) as AgentWork;

    it("says what happened to work in a supervisor's words", () => {
        const cases: Array<[SimEvent, string]> = [
            [
                { type: 'workAssigned', userId: 'u1', work: work('Assigned'), rule: 'most available' },
                '00001026 assigned to Ann (most available)'
            ],
            [
                {
                    type: 'workAssigned',
                    userId: 'u1',
                    work: { ...work('Assigned'), isInterruptible: true },
                    rule: 'tie: longest since last work'
                },
                '00001026 assigned to Ann (tie: longest since last work, interruptible capacity)'
            ],
            [
                { type: 'afterConversationWork', userId: 'u1', work: work('Opened'), endsAt: 1 },
                '00001026: Ann in after conversation work (capacity held)'
            ],
            [{ type: 'workDeclined', userId: 'u1', work: work('Declined', 'Wrong skill') }, '00001026 declined by Ann (Wrong skill)'],
            [{ type: 'workDeclined', userId: 'u1', work: work('DeclinedOnPushTimeout') }, '00001026 timed out with Ann'],
            [{ type: 'workClosed', userId: 'u1', work: work('Transferred') }, '00001026 transferred away from Ann'],
            [
                {
                    type: 'workFlagUpdated',
                    userId: 'u1',
                    work: work('Opened'),
                    flag: { isFlagged: true, message: null, roleUpdatedBy: 'SUPERVISOR', updatedBy: 's' }
                },
                '00001026: flag raised by supervisor'
            ],
            [{ type: 'statusChanged', userId: 'u2', statusId: 's3', reason: 'OmniPushTimeout' }, 'Bob: status On break (OmniPushTimeout)'],
            [{ type: 'logout', userId: 'u1', reason: 'MaintenanceLogout' }, 'Ann logged out (MaintenanceLogout)']
        ];
        for (const [event, text] of cases) expect(describeEvent(event, names)).toBe(text);
    });

    it('leaves out agentWorkChanged, which repeats the work events', () => {
        expect(describeEvent({ type: 'agentWorkChanged', work: work('Opened') }, names)).toBeNull();
    });
});
