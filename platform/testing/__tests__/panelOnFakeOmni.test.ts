/**
 * The kit's own workload panel tested on the testing kit, as a user would test theirs: no
 * jest.mock of Apex, no raw toolkit answers; the fake Omni plays the org (statuses, decline
 * settings and record titles come from its OmniPanelController, work from its routing).
 */
import { createElement } from 'lwc';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import { createFakeOmni, type FakeOmni } from 'omni-console-kit/testing';

let omni: FakeOmni;
const $ = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector) as HTMLElement | null;
const text = (root: Element, selector: string) => $(root, selector)?.textContent?.replace(/\s+/g, ' ').trim();

async function mountPanel(): Promise<HTMLElement> {
    const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel });
    document.body.appendChild(panel);
    await omni.settle();
    return panel;
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    omni.dispose();
});

it('shows an offer with its record title, and the rep accepting it opens the work in Omni', async () => {
    omni = await createFakeOmni();
    const panel = await mountPanel();
    const { workId } = await omni.offer({ title: '00001042' });
    await omni.settle();
    const row = panel.shadowRoot!.querySelector('c-omni-work-row')!;
    expect(text(row, '[data-id="title"]')).toBe('00001042');
    expect(text(row, '[data-id="state"]')).toBe('Case · Waiting to be accepted');
    expect($(row, '[data-id="decline"]')).not.toBeNull();
    $(row, '[data-id="accept"]')!.click();
    await omni.settle();
    expect(omni.state().works).toEqual([expect.objectContaining({ workId, status: 'Opened' })]);
    expect(text(row, '[data-id="state"]')).toMatch(/^Case · In progress/);
});

it('offers no Decline when the presence configuration forbids it', async () => {
    omni = await createFakeOmni({ declineAllowed: false });
    const panel = await mountPanel();
    await omni.offer();
    await omni.settle();
    const row = panel.shadowRoot!.querySelector('c-omni-work-row')!;
    expect($(row, '[data-id="accept"]')).not.toBeNull();
    expect($(row, '[data-id="decline"]')).toBeNull();
});
