/**
 * One pre-flight per node run: every item is checked before anything is sent, whatever order
 * RoutingNode runs items in, with n8n's own "Request Options → Batching", and for both nodes.
 * Waits (pacing, Batching's interval) run on the virtual clock; after a failed run the clock is
 * run out, so a send left waiting would show.
 */
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import type { INodeParameters } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { runConnectSafely, apiRequests as csRequests } from '../connectsafely/helpers';
import { apiRequests, CHAT, runUnipile, SEND_PATH } from '../unipile/helpers';
import { runOut, settle, useVirtualClock } from '../engine/clock';

/** Fails for the second item only: its `$json` has no name, and no node "Enrich" exists. */
const THROWS_FOR_ITEM_1 = '={{ $json.name ? "Hi " + $json.name : $("Enrich").item.json.greeting }}';

useVirtualClock();
let unipile: UnipileSandbox;
let connectSafely: ConnectSafelySandbox;
beforeAll(async () => {
	unipile = await startUnipileSandbox();
	connectSafely = await startConnectSafelySandbox();
});
afterAll(async () => {
	await unipile.close();
	await connectSafely.close();
});
beforeEach(() => {
	unipile.reset();
	connectSafely.reset();
});

const send = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	chat: rl(CHAT),
	text: '={{ $json.text }}',
	sendingOptions: { pacing: false, skipIfSent: false },
	...overrides,
});
const texts = (...values: string[]) => values.map((text) => ({ json: { text } }));
const sentTexts = () =>
	apiRequests(unipile).map((request) => (request.body as { text: string }).text);

describe('an expression that throws for a later item', () => {
	it('sends nothing from Unipile, not even the earlier item', async () => {
		const result = await settle(
			runUnipile(unipile, send({ text: THROWS_FOR_ITEM_1 }), {
				inputItems: [{ json: { name: 'Ana' } }, { json: {} }],
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Referenced node doesn't exist");
		await runOut();
		expect(apiRequests(unipile)).toHaveLength(0);
	});

	it('sends nothing from Unipile with pacing on, even after the run has failed', async () => {
		const result = await settle(
			runUnipile(
				unipile,
				send({ text: THROWS_FOR_ITEM_1, sendingOptions: { minDelay: 0.1, maxDelay: 0.2 } }),
				{ inputItems: [{ json: { name: 'Ana' } }, { json: {} }, { json: { name: 'Bo' } }] },
			),
		);
		expect(result.status).toBe('error');
		await runOut();
		expect(apiRequests(unipile)).toHaveLength(0);
	});

	it('sends nothing from ConnectSafely', async () => {
		const result = await settle(
			runConnectSafely(
				connectSafely,
				{
					resource: 'message',
					operation: 'send',
					recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[0],
					message: THROWS_FOR_ITEM_1,
					sendingOptions: { pacing: false, skipIfSent: false },
				},
				{ inputItems: [{ json: { name: 'Ana' } }, { json: {} }] },
			),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Referenced node doesn't exist");
		await runOut();
		expect(csRequests(connectSafely)).toHaveLength(0);
	});

	it('with continue on error, sends the valid items and gives the bad one its error', async () => {
		const result = await settle(
			runUnipile(unipile, send({ text: THROWS_FOR_ITEM_1 }), {
				inputItems: [{ json: { name: 'Ana' } }, { json: {} }, { json: { name: 'Bo' } }],
				continueOnFail: true,
			}),
		);
		expect(result.status).toBe('success');
		const output = result.output('Unipile');
		expect(output).toHaveLength(3);
		expect(output[0].json.object).toBe('MessageSent');
		expect(output[1].json.error).toBe("Referenced node doesn't exist");
		expect(output[2].json.object).toBe('MessageSent');
		expect(sentTexts()).toEqual(['Hi Ana', 'Hi Bo']);
	});
});

describe("n8n's Request Options → Batching", () => {
	const batching = { batching: { batch: { batchSize: 1, batchInterval: 100 } } };

	it('sends nothing when a later batch has an invalid item, and says so truly', async () => {
		const result = await settle(
			runUnipile(unipile, send({ requestOptions: batching }), {
				inputItems: texts('one', 'two', '', 'four'),
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Nothing was sent in this run of the node: item 2 has invalid input (The "Text" parameter is empty and no file is attached)',
		);
		expect(result.error?.description).toBe(
			'Fix item 2 and run again: Write a message in "Text", or add a file under "Attachments". Running it again sends each message once. To send the valid items anyway, set the node to continue on error.',
		);
		await runOut();
		expect(apiRequests(unipile)).toHaveLength(0);
	});

	it('sends every item of every batch once, when all are valid', async () => {
		const result = await settle(
			runUnipile(unipile, send({ requestOptions: batching }), {
				inputItems: texts('one', 'two', 'three'),
			}),
		);
		expect(result.status).toBe('success');
		// Pacing off: the three requests leave together once the last batch is built.
		expect(sentTexts().sort()).toEqual(['one', 'three', 'two']);
	});
});

describe('IDs that would change the URL path', () => {
	it.each(['.', '..'])('refuses the chat ID "%s" before any request', async (id) => {
		const result = await settle(runUnipile(unipile, send({ chat: rl(id), text: 'x' })));
		expect(result.error?.message).toBe(`The "Chat" parameter cannot be "." or ".."`);
		expect(apiRequests(unipile)).toHaveLength(0);
	});

	it('refuses a forwarded message ID ".."', async () => {
		const result = await settle(
			runUnipile(unipile, {
				resource: 'message',
				operation: 'forward',
				chat: rl(CHAT),
				messageId: '..',
				destinationChat: rl(UNIPILE_SANDBOX.chatIds[1]),
				sendingOptions: { pacing: false, skipIfSent: false },
			}),
		);
		expect(result.error?.message).toBe(`The "Message" parameter cannot be "." or ".."`);
		expect(apiRequests(unipile)).toHaveLength(0);
	});
});

it('sends the expected request once per valid item (the pre-flight does not change requests)', async () => {
	const result = await settle(runUnipile(unipile, send(), { inputItems: texts('a', 'b') }));
	expect(result.status).toBe('success');
	const requests = apiRequests(unipile);
	expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
		`POST ${SEND_PATH}`,
		`POST ${SEND_PATH}`,
	]);
	expect(requests.map((request) => request.body)).toEqual([{ text: 'a' }, { text: 'b' }]);
});

describe("the pre-flight's cost", () => {
	it('reads the Unipile credential once per run for its checks', async () => {
		const result = await settle(
			runUnipile(unipile, send(), { inputItems: texts('one', 'two', 'three') }),
		);
		expect(result.status).toBe('success');
		expect(sentTexts()).toEqual(['one', 'two', 'three']);
		// n8n: once when the node starts and once per request; our checks: once.
		expect(result.credentialReads).toBe(1 + 3 + 1);
	});
});
