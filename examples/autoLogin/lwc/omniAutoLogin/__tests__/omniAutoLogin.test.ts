import { createElement } from 'lwc';
import { createFakeOmni, type FakeOmni, type FakeOmniOptions } from 'omni-console-kit/testing';
import OmniAutoLogin from '../omniAutoLogin';

type AutoLogin = HTMLElement & { statusApiName: string; lastError: string | null };
let omni: FakeOmni;

async function mount(options: FakeOmniOptions, statusApiName: string): Promise<AutoLogin> {
    omni = await createFakeOmni(options);
    const element = createElement('c-omni-auto-login', { is: OmniAutoLogin }) as unknown as AutoLogin;
    element.statusApiName = statusApiName;
    document.body.appendChild(element);
    return element;
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    omni.dispose();
});

it('logs a logged-out rep in with the chosen status once Omni has finished starting', async () => {
    await mount({ startIn: null }, 'Cases_Only');
    await new Promise((resolve) => setTimeout(resolve, 2200)); // whenReady's restore grace (2 s)
    await omni.settle();
    expect(omni.state()).toMatchObject({ loggedIn: true, statusApiName: 'Cases_Only' });
});

it('leaves a rep Omni restored alone', async () => {
    await mount({ startIn: 'Break' }, 'Available');
    await omni.settle();
    expect(omni.state().statusApiName).toBe('Break');
    expect(omni.toolkitCalls.map((c) => c.method)).not.toContain('setServicePresenceStatus');
});

it('a status API name the rep may not use is reported, and nothing is sent', async () => {
    const element = await mount({ startIn: null }, 'Lunch');
    const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await omni.settle();
    expect(element.lastError).toContain('"Lunch" is not a status this rep may use');
    expect(errorSpy).toHaveBeenCalled();
    expect(omni.state().loggedIn).toBe(false);
    expect(omni.toolkitCalls.map((c) => c.method)).not.toContain('setServicePresenceStatus');
}, 10000);
