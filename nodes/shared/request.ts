import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { BinaryFile } from './binary';
import { chunksOf } from './binary';

/** A file of the item, written into a JSON body as its base64 text (e.g. Unipile v2 `content`). */
export class Base64File {
	constructor(readonly file: BinaryFile) {}
}

export const base64 = (file: BinaryFile) => new Base64File(file);

/** Multipart fields: one part per value; an array gives one part per entry; files become file parts. */
type FormValue = string | BinaryFile | undefined | Array<string | BinaryFile>;

/**
 * How a request's body goes on the wire: JSON (a file in it as `base64(file)` is written as its
 * base64 text), multipart form fields (a file is a file part), or one file as the raw body.
 */
export type Body =
	| { as: 'json'; fields: IDataObject }
	| { as: 'multipart'; fields: Record<string, FormValue> }
	| { as: 'raw'; file: BinaryFile };

/** One HTTP request as an operation states it, whole: method, URL, query and body. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Relative to the base URL of the credential. */
	url: string;
	qs?: IDataObject;
	body?: Body;
}

/**
 * A body of known size that axios streams through `stream()`, never held whole
 * (docs/n8n-behaviour.md#streamed-request-bodies).
 */
interface Streamed {
	readonly [Symbol.toStringTag]: 'Blob' | 'File';
	name?: string;
	type: string;
	size: number;
	stream(): AsyncIterable<Uint8Array>;
}

function streamed(
	type: string,
	size: number,
	stream: () => AsyncIterable<Uint8Array>,
	name?: string,
): Streamed {
	return { [Symbol.toStringTag]: name === undefined ? 'Blob' : 'File', name, type, size, stream };
}

/** A file straight from n8n's binary store; it fails if the file changed size since the pre-flight. */
function fileStream(context: IExecuteSingleFunctions, file: BinaryFile) {
	return async function* () {
		let sent = 0;
		for await (const chunk of chunksOf(context, file)) {
			sent += chunk.length;
			yield chunk;
		}
		if (sent !== file.bytes) {
			throw new RangeError(`"${file.fileName}" changed size while it was being sent`);
		}
	};
}

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** A file's base64 text, encoded chunk by chunk (3-byte groups, so the pieces join without padding). */
async function* base64Of(context: IExecuteSingleFunctions, file: BinaryFile) {
	let carry = Buffer.alloc(0);
	for await (const chunk of fileStream(context, file)()) {
		const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
		const whole = data.length - (data.length % 3);
		yield Buffer.from(data.subarray(0, whole).toString('base64'), 'latin1');
		carry = Buffer.from(data.subarray(whole));
	}
	yield Buffer.from(carry.toString('base64'), 'latin1');
}

/** JSON with files inside as base64 strings, streamed with its Content-Length set. */
function jsonBody(context: IExecuteSingleFunctions, fields: IDataObject): Streamed {
	const files: BinaryFile[] = [];
	const marker = `\u0001${randomBytes(12).toString('hex')}\u0001`;
	const text = JSON.stringify(fields, (_key, value: unknown) => {
		if (!(value instanceof Base64File)) return value;
		files.push(value.file);
		return marker;
	});
	// JSON.stringify escapes the marker's control characters: split on its escaped form.
	const pieces = text.split(JSON.stringify(marker).slice(1, -1)).map((piece) => Buffer.from(piece));
	const size =
		pieces.reduce((sum, piece) => sum + piece.length, 0) +
		files.reduce((sum, file) => sum + base64Length(file.bytes), 0);
	return streamed('application/json', size, async function* () {
		for (const [index, piece] of pieces.entries()) {
			yield piece;
			if (index < files.length) yield* base64Of(context, files[index]);
		}
	});
}

/** A multipart/form-data body shaped as a WHATWG FormData, which axios streams part by part. */
class MultipartBody {
	readonly [Symbol.toStringTag] = 'FormData';

	private readonly parts: Array<[string, string | Streamed]> = [];

	append(name: string, value: string | Streamed) {
		this.parts.push([name, value]);
	}

	entries() {
		return this.parts[Symbol.iterator]();
	}

	[Symbol.iterator]() {
		return this.entries();
	}
}

function multipartBody(context: IExecuteSingleFunctions, fields: Record<string, FormValue>) {
	const body = new MultipartBody();
	for (const [name, value] of Object.entries(fields)) {
		for (const entry of Array.isArray(value) ? value : [value]) {
			if (entry === undefined || entry === '') continue;
			body.append(
				name,
				typeof entry === 'string'
					? entry
					: streamed(entry.mimeType, entry.bytes, fileStream(context, entry), entry.fileName),
			);
		}
	}
	return body;
}

/** Whether a body carries files (then its send goes one at a time per account, see sendPipeline). */
export const carriesFiles = (body: Body | undefined): boolean =>
	body !== undefined &&
	(body.as === 'raw' ||
		Object.values(body.fields).some((value) => hasFile(value) || isFile(value)));

const isFile = (value: unknown): boolean =>
	Array.isArray(value)
		? value.some(isFile)
		: value !== null && typeof value === 'object' && 'bytes' in value && 'fileName' in value;

const hasFile = (value: unknown): boolean =>
	value instanceof Base64File ||
	(Array.isArray(value) && value.some(hasFile)) ||
	(value !== null && typeof value === 'object' && Object.values(value).some(hasFile));

/**
 * The request options n8n sends for `request`, on top of `base` (the routing's defaults: headers,
 * timeout, proxy). Redirects are not followed, so the body is never held whole to be sent again.
 */
export function toHttpOptions<T extends Partial<Pick<IHttpRequestOptions, 'headers'>>>(
	context: IExecuteSingleFunctions,
	request: ApiRequest,
	base: T,
) {
	const options = {
		...base,
		method: request.method,
		url: request.url,
		qs: compact(request.qs),
		disableFollowRedirect: true,
	};
	const body = request.body;
	if (!body) return { ...options, body: undefined };
	if (body.as === 'raw') {
		const file = body.file;
		return { ...options, body: streamed(file.mimeType, file.bytes, fileStream(context, file)) };
	}
	if (body.as === 'multipart') {
		// The client sets multipart/form-data with its boundary.
		const headers = { ...options.headers };
		delete headers['Content-Type'];
		return { ...options, headers, body: multipartBody(context, body.fields), json: false };
	}
	if (!hasFile(body.fields)) return { ...options, body: body.fields, json: true };
	return { ...options, body: jsonBody(context, body.fields) };
}

/** Drops empty values, so optional query parameters are left out rather than sent empty. */
export function compact(values: IDataObject = {}): IDataObject {
	return Object.fromEntries(
		Object.entries(values).filter(
			([, value]) => value !== undefined && value !== null && value !== '',
		),
	);
}
