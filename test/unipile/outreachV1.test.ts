/**
 * The outreach operations on Unipile API v1 (DSN) through n8n-core's engine against the strict v1
 * sandbox: profiles, profile URLs in chat starts, invitations sent, skipped, counted per week,
 * listed and answered with their shared secret.
 */
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import { partsOf } from '../../tools/sandbox/multipart';
import { NETWORK } from '../../tools/sandbox/network';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import { jsonOf, NO_PACING } from '../engine';
import { settle, useVirtualClock } from '../engine/clock';
import { runUnipileV1 } from './helpers';

const ACCOUNT = UNIPILE_V1_SANDBOX.accountId;
const ANA = { providerId: UNIPILE_V1_SANDBOX.userIds[0], publicIdentifier: 'ana-demo' };

let sandbox: UnipileV1Sandbox;
beforeAll(async () => (sandbox = await startUnipileV1Sandbox()));
afterAll(async () => await sandbox.close());
// The clock first: the sandbox dates its seeded invitations from it.
useVirtualClock();
beforeEach(() => sandbox.reset());

const apiRequests = () => sandbox.requests.filter((request) => request.path.startsWith('/api/v1/'));
const calls = () =>
	apiRequests().map((request) => {
		const query = new URLSearchParams(request.query as Record<string, string>).toString();
		return `${request.method} ${request.path}${query ? `?${query}` : ''}`;
	});
const sends = () => apiRequests().filter((request) => request.method !== 'GET');
const run = async (parameters: INodeParameters, json: IDataObject[] = [{}]) =>
	await settle(
		runUnipileV1(sandbox, parameters, { inputItems: json.map((entry) => ({ json: entry })) }),
	);
const profilePath = (id: string, query = '') =>
	`GET /api/v1/users/${id}?account_id=${ACCOUNT}${query}`;

describe('User → Get Profile', () => {
	it('reads a profile URL by its public identifier, with account_id, simplified', async () => {
		const result = await run({
			resource: 'user',
			operation: 'getProfile',
			profile: 'https://www.linkedin.com/in/pat-pending/?originalSubdomain=fr',
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([profilePath('pat-pending')]);
		expect(jsonOf(result.output('Unipile'))).toEqual([
			{
				provider_id: NETWORK.invited.providerId,
				public_identifier: 'pat-pending',
				name: 'Pat Pending',
				first_name: 'Pat',
				last_name: 'Pending',
				headline: 'Head of Growth at Example Co',
				location: 'Lyon, France',
				profile_url: 'https://www.linkedin.com/in/pat-pending',
				network_distance: 'SECOND_DEGREE',
				is_connected: false,
				is_self: false,
				pending_invitation: 'sent',
				// v1 profiles do not give the invitation's ID: Get Many does.
				invitation_id: null,
				can_send_inmail: true,
				is_open_profile: false,
				is_premium: false,
			},
		]);
	});

	it('names the field when no profile has that identifier', async () => {
		const result = await run({ resource: 'user', operation: 'getProfile', profile: 'nobody-here' });
		expect(result.error?.message).toBe(
			'No LinkedIn profile found for "nobody-here" (the "Profile" parameter)',
		);
		expect(calls()).toEqual([profilePath('nobody-here')]);
	});
});

describe('Chat → Start takes a profile URL', () => {
	const start = (parameters: INodeParameters = {}): INodeParameters => ({
		resource: 'chat',
		operation: 'start',
		inbox: rl('CLASSIC_PRIMARY'),
		userId: '={{ $json.lead }}',
		text: 'Hello from v1',
		...NO_PACING,
		...parameters,
	});

	it('resolves it, then starts with the provider ID, in one run', async () => {
		const result = await run(start(), [{ lead: 'linkedin.com/in/ana-demo/' }]);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([profilePath('ana-demo'), 'POST /api/v1/chats']);
		expect(partsOf(sends()[0])).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', ANA.providerId],
			['text', 'Hello from v1'],
			['linkedin[api]', 'classic'],
		]);
	});

	it('resolves the Sales Navigator ID for a start from the Sales Navigator inbox', async () => {
		const result = await run(start({ inbox: rl('SALES_NAVIGATOR_PRIMARY'), userId: 'oscar-open' }));
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			profilePath('oscar-open', '&linkedin_api=sales_navigator'),
			'POST /api/v1/chats',
		]);
		expect(partsOf(sends()[0])).toContainEqual([
			'attendees_ids',
			`ACw${NETWORK.openProfile.providerId.slice(3)}`,
		]);
	});

	it('sends nothing when the profile of item 3 of 4 cannot be found', async () => {
		const leads = ['ana-demo', 'ben-demo', 'nobody-here', 'chloe-demo'];
		const result = await run(
			start(),
			leads.map((lead) => ({ lead: `https://www.linkedin.com/in/${lead}` })),
		);
		expect(result.error?.message).toBe(
			'Nothing was sent in this run of the node: item 2 has invalid input (No LinkedIn profile found for "nobody-here" (the "Recipient Profile URL or User ID" parameter))',
		);
		expect(calls()).toEqual(leads.map((lead) => profilePath(lead)));
	});

	it('starts a chat with someone whose invitation is pending with linkedin[invitation_id]', async () => {
		const listed = await run({
			resource: 'invitation',
			operation: 'getAll',
			invitationType: 'received',
		});
		const rita = jsonOf(listed.output('Unipile'))[0];
		sandbox.requests.length = 0;
		const result = await run(start({ additionalFields: { invitationId: '={{ $json.id }}' } }), [
			{ ...rita, lead: rita.profile_url },
		]);
		expect(result.error).toBeUndefined();
		expect(partsOf(sends()[0])).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', NETWORK.inviter.providerId],
			['text', 'Hello from v1'],
			['linkedin[api]', 'classic'],
			['linkedin[invitation_id]', String(rita.id)],
		]);
	});
});

describe('Invitation → Send', () => {
	const invite = (
		sendingOptions: INodeParameters = { pacing: false },
		note = '',
	): INodeParameters => ({
		resource: 'invitation',
		operation: 'send',
		userId: '={{ $json.lead }}',
		note,
		sendingOptions,
	});
	const leads = (...values: string[]) => values.map((lead) => ({ lead }));
	const weekly = `GET /api/v1/users/invite/sent?account_id=${ACCOUNT}&limit=100`;

	it('sends {provider_id, account_id, message} as JSON after the profile and the week', async () => {
		const result = await run(invite({ pacing: false }, 'Hi Nora!'), leads('nora-new'));
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([profilePath('nora-new'), weekly, 'POST /api/v1/users/invite']);
		expect(sends()[0].headers['content-type']).toBe('application/json');
		expect(sends()[0].body).toEqual({
			provider_id: NETWORK.stranger.providerId,
			account_id: ACCOUNT,
			message: 'Hi Nora!',
		});
		expect(jsonOf(result.output('Unipile'))).toEqual([
			{ object: 'UserInvitationSent', invitation_id: expect.stringMatching(/^\d+$/) },
		]);
	});

	it('skips a connection and someone invited, with 0 POSTs', async () => {
		const result = await run(invite({}), leads(ANA.providerId, 'pat-pending'));
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([profilePath(ANA.providerId), profilePath('pat-pending')]);
		expect(jsonOf(result.output('Unipile')).map((entry) => entry.reason)).toEqual([
			'already connected',
			'already invited',
		]);
	});

	it('skips over the weekly limit, counted from parsed_datetime and this run', async () => {
		const result = await run(
			invite({ pacing: false, maxInvitationsPerWeek: 7 }),
			leads('nora-new', 'oscar-open'),
		);
		expect(calls()).toEqual([
			profilePath('nora-new'),
			weekly,
			profilePath('oscar-open'),
			'POST /api/v1/users/invite',
		]);
		expect(jsonOf(result.output('Unipile'))[1]).toMatchObject({
			skipped: true,
			reason: 'weekly invitation limit',
			sent_this_week: 7,
			max_per_week: 7,
		});
	});
});

describe('Invitation → Get Many, Withdraw, Accept, Decline', () => {
	it('lists received invitations by cursor with their shared_secret', async () => {
		const result = await run({
			resource: 'invitation',
			operation: 'getAll',
			invitationType: 'received',
			returnAll: true,
		});
		expect(calls()).toEqual([`GET /api/v1/users/invite/received?account_id=${ACCOUNT}&limit=100`]);
		const output = jsonOf(result.output('Unipile'));
		expect(output).toHaveLength(NETWORK.receivedCount);
		expect(output[0]).toEqual({
			id: expect.stringMatching(/^\d+$/),
			type: 'received',
			created_at: new Date(Date.now() - 86_400_000).toISOString(),
			message: 'Hi! We work on similar topics, let us connect',
			provider_id: NETWORK.inviter.providerId,
			name: 'Rita Invites',
			public_identifier: 'rita-invites',
			profile_url: 'https://www.linkedin.com/in/rita-invites/',
			headline: 'Head of Growth at Example Co',
			shared_secret: `secret-${String(output[0].id)}`,
		});
	});

	it.each(['accept', 'decline'])(
		'%s sends the shared secret from the Get Many item by default',
		async (action) => {
			const listed = await run({
				resource: 'invitation',
				operation: 'getAll',
				invitationType: 'received',
				limit: 1,
			});
			const [rita] = jsonOf(listed.output('Unipile'));
			sandbox.requests.length = 0;
			const result = await run(
				{ resource: 'invitation', operation: action, invitationId: '={{ $json.id }}' },
				[rita],
			);
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual([`POST /api/v1/users/invite/received/${String(rita.id)}`]);
			expect(sends()[0].body).toEqual({
				provider: 'LINKEDIN',
				shared_secret: rita.shared_secret,
				account_id: ACCOUNT,
				action,
			});
			expect(jsonOf(result.output('Unipile'))).toEqual([
				{
					object: 'UserInvitationHandled',
					status: action === 'accept' ? 'ACCEPTED' : 'DECLINED',
				},
			]);
		},
	);

	it('refuses to answer without the shared secret before any request', async () => {
		const result = await run({ resource: 'invitation', operation: 'accept', invitationId: '123' }, [
			{ id: '123' },
		]);
		expect(result.error?.message).toBe('The "Shared Secret (API v1)" parameter is empty');
		expect(calls()).toEqual([]);
	});

	it('Withdraw deletes a sent invitation with account_id', async () => {
		const listed = await run({ resource: 'invitation', operation: 'getAll', limit: 1 });
		const [sent] = jsonOf(listed.output('Unipile'));
		sandbox.requests.length = 0;
		const result = await run({
			resource: 'invitation',
			operation: 'withdraw',
			invitationId: String(sent.id),
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			`DELETE /api/v1/users/invite/sent/${String(sent.id)}?account_id=${ACCOUNT}`,
		]);
		expect(jsonOf(result.output('Unipile'))).toEqual([{ object: 'InvitationCanceled' }]);
	});
});
