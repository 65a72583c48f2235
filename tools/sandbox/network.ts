/**
 * The LinkedIn network both Unipile sandboxes play: people at a network distance, relations, and
 * invitations sent and received with their dates, so that a weekly count taken from the API's own
 * list can be tested (docs/unipile-v2.md#users-and-relations, docs/unipile-v1.md#users-and-invitations).
 * Each sandbox renders this state in its own API's shapes and error bodies.
 */

export type Distance = 'FIRST_DEGREE' | 'SECOND_DEGREE' | 'THIRD_DEGREE' | 'OUT_OF_NETWORK';

export interface Person {
	providerId: string;
	publicIdentifier: string;
	firstName: string;
	lastName: string;
	headline: string;
	location: string;
	distance: Distance;
	openProfile: boolean;
	premium: boolean;
	canSendInmail: boolean;
	/** When the relation was made (FIRST_DEGREE only). */
	connectedAt?: string;
}

export interface Invitation {
	id: string;
	direction: 'sent' | 'received';
	/** The other person. */
	providerId: string;
	at: string;
	message: string | null;
	/** LinkedIn's token that v1 needs to answer a received invitation. */
	sharedSecret: string;
}

/** What a profile says about the last invitation between the account and that person. */
export interface InvitationMark {
	type: 'SENT' | 'RECEIVED';
	status: 'PENDING' | 'IGNORED' | 'WITHDRAWN';
}

const DAY = 86_400_000;

/** The seeded people an outreach test needs, the same on v1 and v2. */
export const NETWORK = {
	/** Not connected; the invitation we sent two days ago is pending. */
	invited: {
		providerId: 'ACoAAPatPending01',
		publicIdentifier: 'pat-pending',
		name: 'Pat Pending',
	},
	/** Invited the account a day ago, not answered yet. */
	inviter: {
		providerId: 'ACoAARitaInvites1',
		publicIdentifier: 'rita-invites',
		name: 'Rita Invites',
	},
	/** Not connected, open profile and premium: reachable by a free InMail. */
	openProfile: {
		providerId: 'ACoAAOscarOpen001',
		publicIdentifier: 'oscar-open',
		name: 'Oscar Open',
	},
	/** Not connected, nothing pending, not reachable by InMail. */
	stranger: { providerId: 'ACoAANoraNew00001', publicIdentifier: 'nora-new', name: 'Nora New' },
	/**
	 * Not connected, nothing pending: people only the send matrix invites (test/matrix), one per
	 * item of each execution, so that no other test's person changes.
	 */
	prospects: [
		{ providerId: 'ACoAAHugoProsp001', publicIdentifier: 'hugo-prospect', name: 'Hugo Prospect' },
		{ providerId: 'ACoAAInesProsp002', publicIdentifier: 'ines-prospect', name: 'Ines Prospect' },
		{ providerId: 'ACoAAJonProsp0003', publicIdentifier: 'jon-prospect', name: 'Jon Prospect' },
		{ providerId: 'ACoAAKaiProsp0004', publicIdentifier: 'kai-prospect', name: 'Kai Prospect' },
		{ providerId: 'ACoAALenaProsp005', publicIdentifier: 'lena-prospect', name: 'Lena Prospect' },
		{ providerId: 'ACoAAMiloProsp006', publicIdentifier: 'milo-prospect', name: 'Milo Prospect' },
	],
	/** Seeded pending invitations we sent, spanning two months. */
	sentCount: 12,
	/** How many of them were sent in the last 7 days. */
	sentLastWeek: 6,
	/** Seeded pending invitations we received. */
	receivedCount: 3,
	/** The sandbox's stand-in for LinkedIn's weekly invitation ceiling (rolling 7 days). */
	weeklyLimit: 100,
	/** Characters (code points) LinkedIn takes in an invitation note (docs/unipile-v1.md#send-an-invitation). */
	noteLimit: 300,
} as const;

/** Ages in days of the seeded sent invitations besides the one to `NETWORK.invited` (2 days). */
const SENT_AGES = [0.2, 1, 3, 4, 6, 8, 9, 12, 20, 35, 61];
const RECEIVED = [
	{ providerId: 'ACoAAInviter00002', name: 'Iris Inviter', days: 4, message: null },
	{
		providerId: 'ACoAAInviter00003',
		name: 'Ivan Inviter',
		days: 15,
		message: 'Met you at the meetup, happy to connect',
	},
];

export type InviteRefusal =
	| 'not_found'
	| 'self'
	| 'already_connected'
	| 'already_invited'
	| 'invited_you'
	| 'weekly_limit';

export type StartRefusal =
	| 'wrong_invitation'
	| 'needs_invitation'
	| 'not_connected'
	| 'inmail_not_allowed';

export interface Network {
	owner: Person;
	/** By provider ID, or by public identifier (any case). */
	find(identifier: string): Person | undefined;
	mark(providerId: string): InvitationMark | undefined;
	/** Pending invitations of one direction, newest first. */
	invitations(direction: Invitation['direction']): Invitation[];
	invitation(id: string): Invitation | undefined;
	/** Relations, most recent first. */
	relations(): Person[];
	/** Invitations sent in the last 7 days, withdrawn ones included (LinkedIn counts them). */
	sentThisWeek(): number;
	invite(
		providerId: string,
		message: string | undefined,
	): { invitation: Invitation } | { refusal: InviteRefusal };
	/** Withdraws a pending sent invitation. */
	withdraw(id: string): boolean;
	/** Accepts (a relation) or declines a pending received invitation. */
	answer(id: string, accept: boolean): boolean;
	/** The person accepts our pending invitation (for tests and demos; emits nothing). */
	acceptSent(providerId: string): Person | undefined;
	/**
	 * Why a 1:1 chat start to this person is refused, if it is: someone who invited the account
	 * needs that invitation's ID, anyone else outside the relations needs an InMail they can take.
	 * Unknown provider IDs are not judged (the sandboxes start chats with them as before).
	 */
	startRefusal(
		providerId: string,
		inmail: boolean,
		invitationId?: string,
	): StartRefusal | undefined;
	/** An InMail to an open profile spends no credit. */
	freeInmail(providerId: string): boolean;
	weeklyLimit: number;
	reset(): void;
}

export function createNetwork(options: {
	owner: Omit<Person, 'distance' | 'openProfile' | 'canSendInmail'>;
	/** The account's relations; connected `connectedDaysAgo` days before the reset. */
	connections: Array<{
		providerId: string;
		firstName: string;
		lastName: string;
		headline: string;
		connectedDaysAgo: number;
	}>;
	weeklyLimit?: number;
}): Network {
	const weeklyLimit = options.weeklyLimit ?? NETWORK.weeklyLimit;
	const owner: Person = {
		...options.owner,
		distance: 'FIRST_DEGREE',
		openProfile: false,
		canSendInmail: false,
	};
	let people = new Map<string, Person>();
	let pending = new Map<string, Invitation>();
	let marks = new Map<string, InvitationMark>();
	/** Every invitation sent, withdrawn ones included: they count towards LinkedIn's weekly limit. */
	let sentAt: string[] = [];
	let counter = 0;

	const nextId = () => String(7449262477600571392n + BigInt(++counter));
	const person = (
		providerId: string,
		name: string,
		fields: Partial<Person> & { distance: Distance },
	): Person => {
		const [firstName, ...rest] = name.split(' ');
		return {
			providerId,
			publicIdentifier: name.toLowerCase().replace(/\s+/g, '-'),
			firstName,
			lastName: rest.join(' '),
			headline: 'Head of Growth at Example Co',
			location: 'Lyon, France',
			openProfile: false,
			premium: false,
			canSendInmail: true,
			...fields,
		};
	};
	const add = (entry: Person) => people.set(entry.providerId, entry);
	const record = (invitation: Invitation) => {
		pending.set(invitation.id, invitation);
		marks.set(invitation.providerId, {
			type: invitation.direction === 'sent' ? 'SENT' : 'RECEIVED',
			status: 'PENDING',
		});
		if (invitation.direction === 'sent') sentAt.push(invitation.at);
	};

	function reset() {
		people = new Map();
		pending = new Map();
		marks = new Map();
		sentAt = [];
		counter = 0;
		const now = Date.now();
		const ago = (days: number) => new Date(now - days * DAY).toISOString();
		for (const entry of options.connections)
			add({
				providerId: entry.providerId,
				publicIdentifier: `${entry.firstName}-${entry.lastName}`.toLowerCase().replace(/\s+/g, '-'),
				firstName: entry.firstName,
				lastName: entry.lastName,
				headline: entry.headline,
				location: 'Paris, France',
				distance: 'FIRST_DEGREE',
				openProfile: false,
				premium: false,
				canSendInmail: true,
				connectedAt: ago(entry.connectedDaysAgo),
			});
		add(person(NETWORK.invited.providerId, NETWORK.invited.name, { distance: 'SECOND_DEGREE' }));
		add(person(NETWORK.inviter.providerId, NETWORK.inviter.name, { distance: 'SECOND_DEGREE' }));
		add(
			person(NETWORK.openProfile.providerId, NETWORK.openProfile.name, {
				distance: 'THIRD_DEGREE',
				openProfile: true,
				premium: true,
				headline: 'Founder at Open Example',
			}),
		);
		add(
			person(NETWORK.stranger.providerId, NETWORK.stranger.name, {
				distance: 'OUT_OF_NETWORK',
				canSendInmail: false,
			}),
		);
		for (const prospect of NETWORK.prospects)
			add(person(prospect.providerId, prospect.name, { distance: 'SECOND_DEGREE' }));
		const sent = [
			{ providerId: NETWORK.invited.providerId, days: 2 },
			...SENT_AGES.map((days, index) => {
				const providerId = `ACoAAInvitee${String(index + 1).padStart(5, '0')}`;
				add(person(providerId, `Lead ${index + 1}`, { distance: 'SECOND_DEGREE' }));
				return { providerId, days };
			}),
		].sort((a, b) => b.days - a.days);
		for (const entry of sent)
			record({
				id: nextId(),
				direction: 'sent',
				providerId: entry.providerId,
				at: ago(entry.days),
				message: entry.days < 3 ? 'Hi, I enjoyed your post on outbound, happy to connect' : null,
				sharedSecret: '',
			});
		for (const entry of [
			...RECEIVED,
			{
				providerId: NETWORK.inviter.providerId,
				name: NETWORK.inviter.name,
				days: 1,
				message: 'Hi! We work on similar topics, let us connect',
			},
		]) {
			if (!people.has(entry.providerId))
				add(person(entry.providerId, entry.name, { distance: 'THIRD_DEGREE' }));
			const id = nextId();
			record({
				id,
				direction: 'received',
				providerId: entry.providerId,
				at: ago(entry.days),
				message: entry.message,
				sharedSecret: `secret-${id}`,
			});
		}
	}
	reset();

	const sentThisWeek = () => {
		const weekAgo = new Date(Date.now() - 7 * DAY).toISOString();
		return sentAt.filter((at) => at > weekAgo).length;
	};
	const pendingWith = (providerId: string, direction: Invitation['direction']) =>
		[...pending.values()].find(
			(entry) => entry.providerId === providerId && entry.direction === direction,
		);
	const connect = (target: Person) => {
		target.distance = 'FIRST_DEGREE';
		target.connectedAt = new Date().toISOString();
		marks.delete(target.providerId);
	};

	return {
		owner,
		find(identifier) {
			if (identifier === owner.providerId) return owner;
			const lower = identifier.toLowerCase();
			if (owner.publicIdentifier === lower) return owner;
			return (
				people.get(identifier) ??
				[...people.values()].find((entry) => entry.publicIdentifier === lower)
			);
		},
		mark: (providerId) => marks.get(providerId),
		invitations: (direction) =>
			[...pending.values()]
				.filter((entry) => entry.direction === direction)
				.sort((a, b) => b.at.localeCompare(a.at)),
		invitation: (id) => pending.get(id),
		relations: () =>
			[...people.values()]
				.filter((entry) => entry.distance === 'FIRST_DEGREE')
				.sort((a, b) => (b.connectedAt ?? '').localeCompare(a.connectedAt ?? '')),
		sentThisWeek,
		invite(providerId, message) {
			if (providerId === owner.providerId) return { refusal: 'self' };
			const target = people.get(providerId);
			if (!target) return { refusal: 'not_found' };
			if (target.distance === 'FIRST_DEGREE') return { refusal: 'already_connected' };
			// LinkedIn refuses a new invitation soon after a withdrawn one, as while one is pending.
			if (marks.get(providerId)?.type === 'SENT') return { refusal: 'already_invited' };
			if (pendingWith(providerId, 'received')) return { refusal: 'invited_you' };
			if (sentThisWeek() >= weeklyLimit) return { refusal: 'weekly_limit' };
			const invitation: Invitation = {
				id: nextId(),
				direction: 'sent',
				providerId,
				at: new Date().toISOString(),
				message: message ?? null,
				sharedSecret: '',
			};
			record(invitation);
			return { invitation };
		},
		withdraw(id) {
			const invitation = pending.get(id);
			if (invitation?.direction !== 'sent') return false;
			pending.delete(id);
			marks.set(invitation.providerId, { type: 'SENT', status: 'WITHDRAWN' });
			return true;
		},
		answer(id, accept) {
			const invitation = pending.get(id);
			if (invitation?.direction !== 'received') return false;
			pending.delete(id);
			const target = people.get(invitation.providerId) as Person;
			if (accept) connect(target);
			else marks.set(target.providerId, { type: 'RECEIVED', status: 'IGNORED' });
			return true;
		},
		acceptSent(providerId) {
			const invitation = pendingWith(providerId, 'sent');
			if (!invitation) return undefined;
			pending.delete(invitation.id);
			const target = people.get(providerId) as Person;
			connect(target);
			return target;
		},
		startRefusal(providerId, inmail, invitationId) {
			const received = pendingWith(providerId, 'received');
			if (invitationId !== undefined)
				return received?.id === invitationId ? undefined : 'wrong_invitation';
			const target = people.get(providerId);
			if (!target || target.distance === 'FIRST_DEGREE') return undefined;
			if (received) return 'needs_invitation';
			if (!inmail) return 'not_connected';
			return target.canSendInmail || target.openProfile ? undefined : 'inmail_not_allowed';
		},
		freeInmail: (providerId) => people.get(providerId)?.openProfile === true,
		weeklyLimit,
		reset,
	};
}

/** LinkedIn's own wording for when an invitation was sent ("Sent 2 days ago"), as v1 lists it. */
export function sentAgo(at: string, now = Date.now()): string {
	const days = Math.floor((now - Date.parse(at)) / DAY);
	if (days < 1) return 'Sent today';
	if (days === 1) return 'Sent yesterday';
	if (days < 7) return `Sent ${days} days ago`;
	if (days < 30) return days < 14 ? 'Sent 1 week ago' : `Sent ${Math.floor(days / 7)} weeks ago`;
	return days < 60 ? 'Sent 1 month ago' : `Sent ${Math.floor(days / 30)} months ago`;
}
