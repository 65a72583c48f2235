/**
 * The outreach operations on Unipile API v2 through n8n-core's engine against the strict sandbox:
 * User → Get Profile, profile URLs resolved in Chat → Start, Invitation → Send with its skips and
 * weekly limit, and the invitation actions. Pacing waits run on the virtual clock.
 */
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import { NETWORK } from '../../tools/sandbox/network';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { jsonOf, NO_PACING } from '../engine';
import { settle, useVirtualClock } from '../engine/clock';
import { ACCOUNT, apiRequests, runUnipile } from './helpers';

const USERS = `/v2/${ACCOUNT}/users`;
const REQUESTS = `${USERS}/me/relation-requests`;
const CONTACT = { providerId: UNIPILE_SANDBOX.userIds[0], publicIdentifier: 'demo-contact-1' };

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
// The clock first: the sandbox dates its seeded invitations from it.
useVirtualClock();
beforeEach(() => sandbox.reset());

const calls = () =>
	apiRequests(sandbox).map((request) => {
		const query = new URLSearchParams(request.query as Record<string, string>).toString();
		return `${request.method} ${request.path}${query ? `?${query}` : ''}`;
	});
const posts = () => apiRequests(sandbox).filter((request) => request.method === 'POST');
const items = (...values: IDataObject[]) => values.map((json) => ({ json }));
const run = async (parameters: INodeParameters, json: IDataObject[] = [{}]) =>
	await settle(runUnipile(sandbox, parameters, { inputItems: items(...json) }));

describe('User → Get Profile', () => {
	const getProfile = (profile: string, parameters: INodeParameters = {}) =>
		run({ resource: 'user', operation: 'getProfile', profile, ...parameters });

	it.each([
		'https://www.linkedin.com/in/pat-pending/?originalSubdomain=fr',
		'https://fr.linkedin.com/in/pat-pending/',
		'linkedin.com/in/pat-pending',
		'www.linkedin.com/in/pat-pending/recent-activity/all/',
		'http://linkedin.com/in/pat-pending',
		' pat-pending ',
	])('reads %j by its public identifier, simplified', async (profile) => {
		const result = await getProfile(profile);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET ${USERS}/pat-pending`]);
		const [output] = jsonOf(result.output('Unipile'));
		expect(output).toEqual({
			provider_id: NETWORK.invited.providerId,
			public_identifier: 'pat-pending',
			name: 'Pat Pending',
			first_name: 'Pat',
			last_name: 'Pending',
			headline: 'Head of Growth at Example Co',
			location: 'Lyon, France',
			profile_url: 'https://www.linkedin.com/in/pat-pending/',
			network_distance: 'SECOND_DEGREE',
			is_connected: false,
			is_self: false,
			pending_invitation: 'sent',
			invitation_id: expect.stringMatching(/^\d+$/),
			can_send_inmail: true,
			is_open_profile: false,
			is_premium: false,
		});
	});

	it('reads a provider ID as it is; a connection is_connected, and Simplify off gives the raw answer', async () => {
		const simplified = await getProfile(CONTACT.providerId);
		expect(jsonOf(simplified.output('Unipile'))[0]).toMatchObject({
			provider_id: CONTACT.providerId,
			public_identifier: CONTACT.publicIdentifier,
			network_distance: 'FIRST_DEGREE',
			is_connected: true,
			pending_invitation: null,
			invitation_id: null,
		});
		const raw = await getProfile(CONTACT.providerId, { simplify: false });
		expect(jsonOf(raw.output('Unipile'))[0]).toMatchObject({
			object: 'UserProfile',
			id: CONTACT.providerId,
			specifics: { network_distance: 'FIRST_DEGREE' },
		});
		expect(calls()).toEqual([
			`GET ${USERS}/${CONTACT.providerId}`,
			`GET ${USERS}/${CONTACT.providerId}`,
		]);
	});

	it('says which person received an invitation and gives its ID', async () => {
		const result = await getProfile('rita-invites');
		const [output] = jsonOf(result.output('Unipile'));
		const [received] = await receivedRequests();
		expect(output).toMatchObject({ pending_invitation: 'received', invitation_id: received.id });
	});

	it('names the field when no profile has that identifier', async () => {
		const result = await getProfile('https://www.linkedin.com/in/nobody-here/');
		expect(result.error?.message).toBe(
			'No LinkedIn profile found for "nobody-here" (the "Profile" parameter)',
		);
		expect(calls()).toEqual([`GET ${USERS}/nobody-here`]);
	});

	it.each([
		['https://www.linkedin.com/company/acme/', 'https://www.linkedin.com/company/acme/'],
		['Jane Doe', 'Jane Doe'],
		['https://example.com/in/jane-doe', 'https://example.com/in/jane-doe'],
	])('refuses %j before any request', async (profile, shown) => {
		const result = await getProfile(profile);
		expect(result.error?.message).toBe(
			`The "Profile" parameter must be a LinkedIn profile URL (linkedin.com/in/…), a public identifier or a provider ID (got "${shown}")`,
		);
		expect(calls()).toEqual([]);
	});
});

/** The received requests, read from the sandbox directly. */
async function receivedRequests() {
	const response = await fetch(
		`${sandbox.baseUrl}/${ACCOUNT}/users/me/relation-requests?type=received`,
		{
			headers: { 'x-api-key': UNIPILE_SANDBOX.apiKey },
		},
	);
	const { data } = (await response.json()) as { data: Array<{ id: string; user: { id: string } }> };
	sandbox.requests.length = 0;
	return data;
}

describe('Chat → Start takes a profile URL or a public identifier', () => {
	const start = (userId = '={{ $json.lead }}'): INodeParameters => ({
		resource: 'chat',
		operation: 'start',
		inbox: rl('CLASSIC_PRIMARY'),
		userId,
		text: '=Hi {{ $json.name }}',
		...NO_PACING,
	});

	it('resolves each identifier once per run and sends to the provider IDs, in one run', async () => {
		const result = await run(start(), [
			{ lead: 'https://www.linkedin.com/in/demo-contact-1/?originalSubdomain=fr', name: 'One' },
			{ lead: 'linkedin.com/in/demo-contact-1', name: 'Again' },
			{ lead: UNIPILE_SANDBOX.userIds[1], name: 'Two' },
		]);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			`GET ${USERS}/demo-contact-1`,
			...['One', 'Again', 'Two'].map(
				() => `POST /v2/${ACCOUNT}/inboxes/CLASSIC_PRIMARY/chats/send`,
			),
		]);
		expect(posts().map((request) => request.body)).toEqual([
			{ users_ids: CONTACT.providerId, text: 'Hi One' },
			{ users_ids: CONTACT.providerId, text: 'Hi Again' },
			{ users_ids: UNIPILE_SANDBOX.userIds[1], text: 'Hi Two' },
		]);
	});

	it('sends nothing when the profile of item 3 of 4 cannot be found, naming the item', async () => {
		const leads = ['demo-contact-1', 'demo-contact-2', 'nobody-here', 'demo-contact-3'];
		const result = await run(
			start(),
			leads.map((lead) => ({ lead: `https://www.linkedin.com/in/${lead}/`, name: lead })),
		);
		expect(result.error?.message).toBe(
			'Nothing was sent in this run of the node: item 2 has invalid input (No LinkedIn profile found for "nobody-here" (the "Recipient Profile URL or User ID" parameter))',
		);
		expect(calls()).toEqual(leads.map((lead) => `GET ${USERS}/${lead}`));
		expect(posts()).toHaveLength(0);
	});

	it('refuses a value that is no profile before any request', async () => {
		const result = await run(start('https://www.linkedin.com/feed/'));
		expect(result.error?.message).toBe(
			'The "Recipient Profile URL or User ID" parameter must be a LinkedIn profile URL (linkedin.com/in/…), a public identifier or a provider ID (got "https://www.linkedin.com/feed/")',
		);
		expect(calls()).toEqual([]);
	});

	it('starts a chat with someone whose invitation is pending, with its relation_request_id', async () => {
		const [{ id }] = await receivedRequests();
		const result = await run({
			...start('https://www.linkedin.com/in/rita-invites/'),
			text: 'Thanks for the invitation!',
			additionalFields: { invitationId: id },
		});
		expect(result.error).toBeUndefined();
		expect(posts().map((request) => request.body)).toEqual([
			{
				users_ids: NETWORK.inviter.providerId,
				text: 'Thanks for the invitation!',
				specifics: { linkedin: { classic: { relation_request_id: id } } },
			},
		]);
	});

	it('Start with InMail and Start Group resolve profile URLs too', async () => {
		const inmail = await run({
			...start('oscar-open'),
			operation: 'startInMail',
			text: 'Hello Oscar',
		});
		expect(inmail.error).toBeUndefined();
		const group = await run({
			resource: 'chat',
			operation: 'startGroup',
			inbox: rl('CLASSIC_PRIMARY'),
			userIds: `https://www.linkedin.com/in/demo-contact-1/, ${UNIPILE_SANDBOX.userIds[1]}`,
			text: 'Welcome both',
			...NO_PACING,
		});
		expect(group.error).toBeUndefined();
		expect(calls()).toEqual([
			`GET ${USERS}/oscar-open`,
			`POST /v2/${ACCOUNT}/inboxes/CLASSIC_PRIMARY/chats/send`,
			`GET ${USERS}/demo-contact-1`,
			`POST /v2/${ACCOUNT}/inboxes/CLASSIC_PRIMARY/chats/send`,
		]);
		expect(posts().map((request) => request.body)).toEqual([
			{
				users_ids: NETWORK.openProfile.providerId,
				text: 'Hello Oscar',
				specifics: { linkedin: { classic: { inmail: true } } },
			},
			{ users_ids: [CONTACT.providerId, UNIPILE_SANDBOX.userIds[1]], text: 'Welcome both' },
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
	/** The week's count: the sent list, by offset until an empty page. */
	const weekly = [
		`GET ${REQUESTS}?type=sent&offset=0&limit=100`,
		`GET ${REQUESTS}?type=sent&offset=${NETWORK.sentCount}&limit=100`,
	];

	it('reads the profile and the week, then sends {user_id, message}', async () => {
		const result = await run(
			invite({ pacing: false }, 'Hi Nora, happy to connect'),
			leads('https://www.linkedin.com/in/nora-new/'),
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET ${USERS}/nora-new`, ...weekly, `POST ${REQUESTS}`]);
		expect(posts()[0].body).toEqual({
			user_id: NETWORK.stranger.providerId,
			message: 'Hi Nora, happy to connect',
		});
		const [output] = jsonOf(result.output('Unipile'));
		expect(output).toMatchObject({
			invitation_id: expect.stringMatching(/^\d+$/),
			object: 'RelationRequest',
			type: 'sent',
			user: { id: NETWORK.stranger.providerId },
		});
		expect(output.invitation_id).toBe(output.id);
	});

	it('skips people already connected or invited, and those who invited the account: 0 POSTs, no pacing wait', async () => {
		const [received] = (await receivedRequests()).filter(
			(entry) => entry.user.id === NETWORK.inviter.providerId,
		);
		const before = Date.now();
		// Pacing on (the default): a skipped item takes no turn on the account's lane.
		const result = await run(
			invite({}),
			leads(CONTACT.providerId, 'https://www.linkedin.com/in/pat-pending/', 'rita-invites'),
		);
		expect(result.error).toBeUndefined();
		expect(Date.now()).toBe(before);
		expect(calls()).toEqual([
			`GET ${USERS}/${CONTACT.providerId}`,
			`GET ${USERS}/pat-pending`,
			`GET ${USERS}/rita-invites`,
		]);
		expect(jsonOf(result.output('Unipile'))).toEqual([
			{
				skipped: true,
				reason: 'already connected',
				provider_id: CONTACT.providerId,
				name: 'Demo Contact 1',
				profile_url: 'https://www.linkedin.com/in/demo-contact-1/',
			},
			{
				skipped: true,
				reason: 'already invited',
				provider_id: NETWORK.invited.providerId,
				name: 'Pat Pending',
				profile_url: 'https://www.linkedin.com/in/pat-pending/',
			},
			{
				skipped: true,
				reason: 'invited you',
				provider_id: NETWORK.inviter.providerId,
				name: 'Rita Invites',
				profile_url: 'https://www.linkedin.com/in/rita-invites/',
				invitation_id: received.id,
			},
		]);
	});

	it('skips an invitation over "Max Invitations per Week", counting the ones this run sends', async () => {
		// The sandbox lists 6 sent this week: with a limit of 7, the first goes and the second would be the 8th.
		expect(NETWORK.sentLastWeek).toBe(6);
		const result = await run(
			invite({ pacing: false, maxInvitationsPerWeek: 7 }),
			leads('nora-new', 'oscar-open'),
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			`GET ${USERS}/nora-new`,
			...weekly,
			`GET ${USERS}/oscar-open`,
			`POST ${REQUESTS}`,
		]);
		expect(posts()[0].body).toEqual({ user_id: NETWORK.stranger.providerId });
		expect(jsonOf(result.output('Unipile'))[1]).toEqual({
			skipped: true,
			reason: 'weekly invitation limit',
			provider_id: NETWORK.openProfile.providerId,
			name: 'Oscar Open',
			profile_url: 'https://www.linkedin.com/in/oscar-open/',
			sent_this_week: 7,
			max_per_week: 7,
		});
	});

	it('invites a lead listed twice in one run once: the second is already invited', async () => {
		const result = await run(
			invite(),
			leads('https://www.linkedin.com/in/nora-new/', NETWORK.stranger.providerId),
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			`GET ${USERS}/nora-new`,
			...weekly,
			`GET ${USERS}/${NETWORK.stranger.providerId}`,
			`POST ${REQUESTS}`,
		]);
		expect(jsonOf(result.output('Unipile'))[1]).toEqual({
			skipped: true,
			reason: 'already invited',
			provider_id: NETWORK.stranger.providerId,
			name: 'Nora New',
			profile_url: 'https://www.linkedin.com/in/nora-new/',
		});
	});

	it.each<[string, INodeParameters]>([
		['paced', {}],
		['unpaced', { pacing: false }],
	])(
		'two executions inviting one person at once send one invitation (%s)',
		async (_name, sendingOptions) => {
			// Both read the profile before either sends: the account's lane decides.
			const results = await settle(
				Promise.all([
					runUnipile(sandbox, invite(sendingOptions), { inputItems: items(...leads('nora-new')) }),
					runUnipile(sandbox, invite(sendingOptions), {
						inputItems: items(...leads(NETWORK.stranger.providerId)),
					}),
				]),
			);
			expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
			expect(posts().map((request) => request.body)).toEqual([
				{ user_id: NETWORK.stranger.providerId },
			]);
			const outputs = results.map((result) => jsonOf(result.output('Unipile'))[0]);
			expect(outputs.filter((output) => output.skipped)).toEqual([
				{
					skipped: true,
					reason: 'already invited',
					provider_id: NETWORK.stranger.providerId,
					name: 'Nora New',
					profile_url: 'https://www.linkedin.com/in/nora-new/',
				},
			]);
		},
	);

	it('an invitation the API refused does not count as sent: the next execution sends it', async () => {
		sandbox.inject({
			method: 'POST',
			path: REQUESTS,
			fault: {
				kind: 'respond',
				status: 422,
				body: { title: 'Unprocessable', type: 'errors/invalid' },
			},
		});
		const refused = await run(invite(), leads('nora-new'));
		expect(refused.error?.message).toBe('Unipile: Unprocessable');
		const again = await run(invite(), leads('nora-new'));
		expect(again.error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(jsonOf(again.output('Unipile'))[0]).toMatchObject({ object: 'RelationRequest' });
	});

	it('skips every invitation once the week already holds the limit', async () => {
		const result = await run(
			invite({ pacing: false, maxInvitationsPerWeek: 6 }),
			leads('nora-new'),
		);
		expect(calls()).toEqual([`GET ${USERS}/nora-new`, ...weekly]);
		expect(jsonOf(result.output('Unipile'))[0]).toMatchObject({
			skipped: true,
			reason: 'weekly invitation limit',
			sent_this_week: 6,
		});
	});

	it('an invitation that may have gone out stops the run, and the error counts invitations', async () => {
		sandbox.inject({
			method: 'POST',
			path: REQUESTS,
			fault: { kind: 'respond', status: 503, body: { title: 'Unavailable' } },
		});
		const result = await run(invite({ minDelay: 0, maxDelay: 0 }), leads('nora-new', 'oscar-open'));
		expect(result.error?.message).toBe(
			'Unipile did not confirm the invitation (HTTP 503: Unipile: Unavailable): it may have gone out. 1 invitation of this run may have gone out (item 0)',
		);
		expect(posts()).toHaveLength(1);
	});

	it('paces invitations on the account lane like messages', async () => {
		const result = await run(
			invite({ minDelay: 30, maxDelay: 30 }),
			leads('nora-new', 'oscar-open'),
		);
		expect(result.error).toBeUndefined();
		const [first, second] = posts();
		expect(second.receivedAt - (first.respondedAt ?? 0)).toBe(30_000);
	});

	it.each<[string, INodeParameters, IDataObject[], string]>([
		[
			'a note over 300 characters',
			invite({ pacing: false }, 'x'.repeat(299) + '👋👋'),
			leads('nora-new'),
			'The "Note" parameter must be 300 characters or fewer (it has 301)',
		],
		[
			'a company page',
			invite(),
			leads('https://www.linkedin.com/company/acme/'),
			'The "Recipient Profile URL or User ID" parameter must be a LinkedIn profile URL (linkedin.com/in/…), a public identifier or a provider ID (got "https://www.linkedin.com/company/acme/")',
		],
		[
			'an empty recipient',
			invite(),
			leads(''),
			'The "Recipient Profile URL or User ID" parameter is empty',
		],
		[
			'a weekly limit of 0',
			invite({ maxInvitationsPerWeek: 0 }),
			leads('nora-new'),
			'The "Max Invitations per Week" parameter must be 1 or more',
		],
		[
			'a bad pacing delay',
			invite({ minDelay: 5, maxDelay: 1 }),
			leads('nora-new'),
			'The "Pacing Delay To (Seconds)" parameter (1) is below "Pacing Delay From (Seconds)" (5)',
		],
	])('refuses %s before any request', async (_name, parameters, json, message) => {
		const result = await run(parameters, json);
		expect(result.error?.message).toBe(message);
		expect(calls()).toEqual([]);
	});

	it('refuses an invitation to the account itself after reading its profile', async () => {
		const result = await run(invite(), leads('demo-owner'));
		expect(result.error?.message).toBe(
			`The "Recipient Profile URL or User ID" parameter is the account itself (${UNIPILE_SANDBOX.ownerId})`,
		);
		expect(posts()).toHaveLength(0);
	});
});

describe('Invitation → Get Many, Withdraw, Accept, Decline', () => {
	const getMany = (parameters: INodeParameters) =>
		run({ resource: 'invitation', operation: 'getAll', ...parameters });

	it('lists sent invitations by offset up to the limit, simplified', async () => {
		const result = await getMany({ invitationType: 'sent', limit: 5 });
		expect(calls()).toEqual([`GET ${REQUESTS}?type=sent&offset=0&limit=5`]);
		const output = jsonOf(result.output('Unipile'));
		expect(output).toHaveLength(5);
		expect(output[0]).toEqual({
			id: expect.stringMatching(/^\d+$/),
			type: 'sent',
			created_at: new Date(Date.now() - 0.2 * 86_400_000).toISOString(),
			message: 'Hi, I enjoyed your post on outbound, happy to connect',
			provider_id: 'ACoAAInvitee00001',
			name: 'Lead 1',
			public_identifier: 'lead-1',
			profile_url: 'https://www.linkedin.com/in/lead-1/',
			headline: 'Head of Growth at Example Co',
			shared_secret: null,
		});
	});

	it('lists every received invitation with Return All, until an empty page', async () => {
		const result = await getMany({ invitationType: 'received', returnAll: true, simplify: false });
		expect(calls()).toEqual([
			`GET ${REQUESTS}?type=received&offset=0&limit=100`,
			`GET ${REQUESTS}?type=received&offset=${NETWORK.receivedCount}&limit=100`,
		]);
		const output = jsonOf(result.output('Unipile'));
		expect(output.map((entry) => (entry.user as IDataObject).id)).toEqual([
			NETWORK.inviter.providerId,
			'ACoAAInviter00002',
			'ACoAAInviter00003',
		]);
		expect(output[0]).toMatchObject({ object: 'RelationRequest', type: 'received' });
	});

	it('Withdraw cancels a sent invitation with an empty POST', async () => {
		const listed = await getMany({ invitationType: 'sent', returnAll: true });
		const pat = jsonOf(listed.output('Unipile')).find(
			(entry) => entry.provider_id === NETWORK.invited.providerId,
		) as IDataObject;
		sandbox.requests.length = 0;
		const result = await run(
			{
				resource: 'invitation',
				operation: 'withdraw',
				invitationId: '={{ $json.id }}',
			},
			[pat],
		);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`POST ${REQUESTS}/${String(pat.id)}/cancel`]);
		expect(posts()[0].rawBody.length).toBe(0);
		expect(jsonOf(result.output('Unipile'))).toEqual([{ object: 'RelationRequestCanceled' }]);
	});

	it.each([
		['accept', 'accept', 'RelationRequestConfirmed', true],
		['decline', 'cancel', 'RelationRequestCanceled', false],
	])(
		'%s answers a received invitation with POST …/%s',
		async (operation, verb, object, connected) => {
			const [{ id }] = await receivedRequests();
			const result = await run({ resource: 'invitation', operation, invitationId: id });
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual([`POST ${REQUESTS}/${id}/${verb}`]);
			expect(posts()[0].rawBody.length).toBe(0);
			expect(jsonOf(result.output('Unipile'))).toEqual([{ object }]);
			sandbox.requests.length = 0;
			const profile = await run({
				resource: 'user',
				operation: 'getProfile',
				profile: 'rita-invites',
			});
			expect(jsonOf(profile.output('Unipile'))[0]).toMatchObject({
				is_connected: connected,
				pending_invitation: null,
			});
		},
	);

	it('refuses an empty invitation ID before any request', async () => {
		const result = await run({
			resource: 'invitation',
			operation: 'withdraw',
			invitationId: '={{ $json.id }}',
		});
		expect(result.error?.message).toBe('The "Invitation ID" parameter is empty');
		expect(calls()).toEqual([]);
	});
});
