import type { IDataObject } from 'n8n-workflow';

import { path } from '../../shared/parameters';
import type { Field } from '../../shared/parameters';
import type { ItemInputs } from '../../shared/preflight';
import { linkedinApi } from './fields';
import type { UnipileVersion } from './transport';
import { unipileRequest } from './transport';

/**
 * LinkedIn members' provider IDs: `ACo…` (Classic), `ACw…` (Sales Navigator), `AE…` (Recruiter),
 * case-sensitive (docs/unipile-v1.md#start-a-chat, docs/unipile-v1.md#retrieve-a-profile). Public
 * identifiers are the slug of a profile URL: letters, digits and hyphens.
 */
const PROVIDER_ID = /^(ACo|ACw|AE)[A-Za-z0-9_-]{4,}$/;
const PUBLIC_IDENTIFIER = /^[\p{L}\p{N}_-]{1,100}$/u;

/**
 * What a profile field holds, as the API takes it: a provider ID, or the public identifier of a
 * profile URL (the segment after `/in/`; the URL itself is not an ID, docs/unipile-v2.md#get-a-user-profile,
 * docs/unipile-v1.md#retrieve-a-profile). Any `linkedin.com/in/…` form: with or without the scheme,
 * `www.` or a country subdomain, a trailing slash, a query or more path after the slug.
 */
export function identifierOf(value: string): string | undefined {
	const text = value.trim();
	if (PROVIDER_ID.test(text) || PUBLIC_IDENTIFIER.test(text)) return text;
	if (!/linkedin\.com/i.test(text)) return undefined;
	let url: URL;
	try {
		url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
	} catch {
		return undefined;
	}
	const host = url.hostname.toLowerCase();
	if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return undefined;
	const [section, slug] = url.pathname.split('/').filter(Boolean);
	if (section?.toLowerCase() !== 'in' || !slug) return undefined;
	let decoded: string;
	try {
		decoded = decodeURIComponent(slug);
	} catch {
		return undefined;
	}
	return PROVIDER_ID.test(decoded) || PUBLIC_IDENTIFIER.test(decoded) ? decoded : undefined;
}

/** A profile field's value as an identifier; a value that is none fails the item, naming the field. */
export function checkedIdentifier(item: ItemInputs, field: Field<unknown>, value: string): string {
	const id = identifierOf(value);
	if (id === undefined) {
		item.fail(
			`The "${field.label}" parameter must be a LinkedIn profile URL (linkedin.com/in/…), a public identifier or a provider ID (got "${value}")`,
			'Map a profile URL such as https://www.linkedin.com/in/jane-doe/, its last part (jane-doe), or a provider ID (ACo…) from a chat or a search.',
		);
	}
	return id;
}

/** A profile as our operations output it, the same on v2 and v1. */
export interface Profile extends IDataObject {
	provider_id: string;
	public_identifier: string | null;
	name: string | null;
	first_name: string | null;
	last_name: string | null;
	headline: string | null;
	location: string | null;
	profile_url: string | null;
	/** `SELF`, `FIRST_DEGREE` (connected), `SECOND_DEGREE`, `THIRD_DEGREE`, `OUT_OF_NETWORK`. */
	network_distance: string | null;
	is_connected: boolean;
	is_self: boolean;
	/** A pending invitation between the account and this person: who sent it. */
	pending_invitation: 'sent' | 'received' | null;
	/** Its ID, where the profile gives it (v2): Chat → Start's "Pending Invitation ID", Accept. */
	invitation_id: string | null;
	can_send_inmail: boolean | null;
	is_open_profile: boolean | null;
	is_premium: boolean | null;
}

const textOf = (value: unknown) => (typeof value === 'string' && value ? value : null);
const flagOf = (value: unknown) => (typeof value === 'boolean' ? value : null);
const objectOf = (value: unknown) =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

/**
 * The profile in our shape. v2: `specifics.network_distance`, `specifics.relation_request` with
 * `relation_request_status` (docs/unipile-v2.md#get-a-user-profile); v1: `is_relationship`,
 * `network_distance`, `invitation {type, status}` (docs/unipile-v1.md#retrieve-a-profile).
 */
export function simplifyProfile(raw: IDataObject, version: UnipileVersion): Profile {
	const first = textOf(raw.first_name);
	const last = textOf(raw.last_name);
	const publicId = textOf(raw.public_identifier);
	const fullName = [first, last].filter(Boolean).join(' ') || null;
	const fallbackUrl = publicId ? `https://www.linkedin.com/in/${publicId}/` : null;
	if (version === 'v2') {
		const specifics = objectOf(raw.specifics) ?? {};
		const request = objectOf(specifics.relation_request);
		const status = textOf(specifics.relation_request_status);
		const pending = request && (status === null || status === 'PENDING') ? request : undefined;
		const distance = textOf(specifics.network_distance);
		return {
			provider_id: String(raw.id),
			public_identifier: publicId,
			name: textOf(raw.display_name) ?? fullName,
			first_name: first,
			last_name: last,
			headline: textOf(raw.description),
			location: textOf(raw.location),
			profile_url: textOf(raw.profile_url) ?? fallbackUrl,
			network_distance: distance,
			is_connected: distance === 'FIRST_DEGREE',
			is_self: distance === 'SELF',
			pending_invitation: pending ? (pending.type === 'received' ? 'received' : 'sent') : null,
			invitation_id: pending ? textOf(pending.id) : null,
			can_send_inmail: flagOf(specifics.can_send_inmail),
			is_open_profile: flagOf(specifics.is_open_profile),
			is_premium: flagOf(specifics.is_premium),
		};
	}
	const invitation = objectOf(raw.invitation);
	const pending = invitation?.status === 'PENDING' ? invitation : undefined;
	const self = raw.is_self === true;
	return {
		provider_id: String(raw.provider_id),
		public_identifier: publicId,
		name: fullName,
		first_name: first,
		last_name: last,
		headline: textOf(raw.headline),
		location: textOf(raw.location),
		profile_url: textOf(raw.public_profile_url) ?? fallbackUrl,
		network_distance: self ? 'SELF' : textOf(raw.network_distance),
		is_connected: raw.is_relationship === true,
		is_self: self,
		pending_invitation: pending ? (pending.type === 'RECEIVED' ? 'received' : 'sent') : null,
		invitation_id: null,
		can_send_inmail: flagOf(raw.can_send_inmail),
		is_open_profile: flagOf(raw.is_open_profile),
		is_premium: flagOf(raw.is_premium),
	};
}

/** The request that reads one profile: v2 `GET /{account}/users/{id}`, v1 `GET /users/{id}?account_id=`. */
export function profileRequest(
	version: UnipileVersion,
	account: string,
	id: string,
	product?: 'sales_navigator' | 'recruiter',
) {
	return version === 'v2'
		? { url: path`/${account}/users/${id}`, qs: {} }
		: {
				url: path`/users/${id}`,
				qs: { account_id: account, ...(product ? { linkedin_api: product } : {}) },
			};
}

/** Profiles read in one node run, by version, account, product and identifier. */
const runs = new WeakMap<object, Map<string, Promise<Profile | undefined>>>();

/**
 * A profile, read once per node run per identifier: every item context of a run shares its execute
 * data, so the pre-flight of a run asks for each person once.
 */
async function readProfile(
	item: ItemInputs,
	version: UnipileVersion,
	account: string,
	id: string,
	product?: 'sales_navigator' | 'recruiter',
): Promise<Profile | undefined> {
	const key = item.context.getExecuteData() ?? item.context;
	let cache = runs.get(key);
	if (!cache) runs.set(key, (cache = new Map()));
	const entry = `${version}\u0000${account}\u0000${product ?? ''}\u0000${id}`;
	let read = cache.get(entry);
	if (!read) {
		const { url, qs } = profileRequest(version, account, id, product);
		read = unipileRequest(item.context, 'GET', url, { qs, missing: 'undefined' }).then((raw) =>
			raw ? simplifyProfile(raw, version) : undefined,
		);
		cache.set(entry, read);
	}
	return await read;
}

/** The profile a field names; one that does not exist fails the item, naming the field. */
export async function profileOf(
	item: ItemInputs,
	field: Field<unknown>,
	value: string,
	version: UnipileVersion,
	account: string,
	product?: 'sales_navigator' | 'recruiter',
): Promise<Profile> {
	const id = checkedIdentifier(item, field, value);
	const profile = await readProfile(item, version, account, id, product);
	if (!profile) {
		item.fail(
			`No LinkedIn profile found for "${id}" (the "${field.label}" parameter)`,
			`Check the profile URL or public identifier in "${field.label}": it must open a LinkedIn profile.`,
		);
	}
	return profile;
}

/**
 * The provider ID of a chat start's recipient (or a group member): a provider ID as it is, without
 * a request; a profile URL or a public identifier resolved through the profile, once per run per
 * identifier. On v1 each LinkedIn product knows a member by its own ID: a start from the Sales
 * Navigator or Recruiter inbox resolves the profile for that product
 * (docs/unipile-v1.md#retrieve-a-profile).
 */
export async function recipientOf(
	item: ItemInputs,
	field: Field<unknown>,
	value: string,
	version: UnipileVersion,
	account: string,
	inboxId: string,
): Promise<string> {
	const product = version === 'v1' ? linkedinApi(item, inboxId) : 'classic';
	const id = checkedIdentifier(item, field, value);
	if (PROVIDER_ID.test(id)) return id;
	const person = await profileOf(
		item,
		field,
		id,
		version,
		account,
		product === 'classic' ? undefined : (product as 'sales_navigator' | 'recruiter'),
	);
	return person.provider_id;
}
