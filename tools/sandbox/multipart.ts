/**
 * A small, strict multipart/form-data parser for the sandboxes (RFC 7578 on RFC 2046 §5.1.1): the
 * boundary comes from the Content-Type header, parts keep their order (a repeated name such as
 * `attendees_ids` or `attachments` stays one part per value), and anything a well-behaved client
 * would not send is an error saying why. Bracket names like `linkedin[inmail]` are plain names.
 */

export interface MultipartFile {
	/** As sent; may lack an extension (the caller decides whether that is allowed). */
	filename: string;
	/** The part's Content-Type header; absent when the part has none. */
	contentType?: string;
	data: Buffer;
}

/** Exactly one of `value` (a plain field, decoded as UTF-8) and `file` (a part with a filename). */
export interface MultipartPart {
	name: string;
	value?: string;
	file?: MultipartFile;
}

export type MultipartResult = { parts: MultipartPart[] } | { error: string };

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 2046 bchars: 1–70 of them, not ending with a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const PART_HEADERS = ['content-disposition', 'content-type', 'content-transfer-encoding'];
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `type/subtype; a=b; c="d"` → the lower-cased type and the parameters, or why it is malformed. */
function parseHeaderValue(
	header: string,
): { type: string; params: Array<[string, string]> } | { error: string } {
	const [type = '', ...rest] = splitParams(header);
	const params: Array<[string, string]> = [];
	for (const param of rest) {
		const match = /^([^=\s]+)\s*=\s*(.*)$/s.exec(param);
		if (!match || !TOKEN.test(match[1]))
			return { error: `malformed parameter "${param}" in "${header}"` };
		let value = match[2];
		if (value.startsWith('"')) {
			const quoted = /^"((?:[^"\\]|\\.)*)"$/s.exec(value);
			if (!quoted) return { error: `malformed quoted value ${value} in "${header}"` };
			value = quoted[1].replace(/\\(.)/gs, '$1');
		} else if (!TOKEN.test(value)) {
			return { error: `parameter ${match[1]} must be a token or a quoted string in "${header}"` };
		}
		params.push([match[1].toLowerCase(), value]);
	}
	return { type: type.trim().toLowerCase(), params };
}

/** Splits on `;` outside quoted strings. */
function splitParams(header: string) {
	const pieces: string[] = [];
	let current = '';
	let quoted = false;
	for (let index = 0; index < header.length; index++) {
		const char = header[index];
		if (quoted && char === '\\' && index + 1 < header.length) {
			current += char + header[++index];
			continue;
		}
		if (char === '"') quoted = !quoted;
		if (char === ';' && !quoted) {
			pieces.push(current.trim());
			current = '';
		} else {
			current += char;
		}
	}
	pieces.push(current.trim());
	return pieces;
}

/** The boundary named by a `multipart/form-data` Content-Type, or why there is none. */
export function multipartBoundary(
	contentType: string | undefined,
): { boundary: string } | { error: string } {
	if (!contentType) return { error: 'Content-Type is missing; expected multipart/form-data' };
	const parsed = parseHeaderValue(contentType);
	if ('error' in parsed) return { error: `Content-Type: ${parsed.error}` };
	if (parsed.type !== 'multipart/form-data')
		return { error: `Content-Type is ${parsed.type}; expected multipart/form-data` };
	const boundaries = parsed.params.filter(([key]) => key === 'boundary');
	if (boundaries.length !== 1)
		return {
			error: boundaries.length
				? 'Content-Type has more than one boundary parameter'
				: 'Content-Type has no boundary parameter',
		};
	const boundary = boundaries[0][1];
	if (!BOUNDARY.test(boundary))
		return { error: `boundary "${boundary}" is not 1 to 70 RFC 2046 characters` };
	return { boundary };
}

/**
 * Percent-escapes that browsers and undici's FormData use inside quoted names and filenames
 * (WHATWG HTML: `"` → %22, CR → %0D, LF → %0A) are decoded; nothing else is.
 */
const unescapeName = (value: string) =>
	value.replace(/%(22|0D|0A)/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)));

function parsePart(
	index: number,
	head: Buffer,
	content: Buffer,
): MultipartPart | { error: string } {
	const where = `part ${index + 1}`;
	let text: string;
	try {
		text = utf8.decode(head);
	} catch {
		return { error: `${where}: headers are not valid UTF-8` };
	}
	const headers = new Map<string, string>();
	for (const line of text.split('\r\n')) {
		if (/^[ \t]/.test(line)) return { error: `${where}: folded header lines are not allowed` };
		const colon = line.indexOf(':');
		const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
		if (!TOKEN.test(name)) return { error: `${where}: malformed header line "${line}"` };
		if (!PART_HEADERS.includes(name))
			return {
				error: `${where}: unexpected header ${name} (RFC 7578 parts carry only Content-Disposition and Content-Type)`,
			};
		if (headers.has(name)) return { error: `${where}: more than one ${name} header` };
		headers.set(name, line.slice(colon + 1).trim());
	}
	const encoding = headers.get('content-transfer-encoding');
	if (encoding !== undefined && !['7bit', '8bit', 'binary'].includes(encoding.toLowerCase()))
		return { error: `${where}: Content-Transfer-Encoding ${encoding} is not supported` };
	const disposition = headers.get('content-disposition');
	if (disposition === undefined) return { error: `${where}: no Content-Disposition header` };
	const parsed = parseHeaderValue(disposition);
	if ('error' in parsed) return { error: `${where}: Content-Disposition: ${parsed.error}` };
	if (parsed.type !== 'form-data')
		return { error: `${where}: Content-Disposition must be form-data, not ${parsed.type}` };
	const params = new Map<string, string>();
	for (const [key, value] of parsed.params) {
		if (key !== 'name' && key !== 'filename')
			return {
				error: `${where}: Content-Disposition parameter ${key} is not allowed (only name and filename; RFC 7578 forbids filename*)`,
			};
		if (params.has(key)) return { error: `${where}: Content-Disposition repeats ${key}` };
		params.set(key, unescapeName(value));
	}
	const name = params.get('name');
	if (!name) return { error: `${where}: Content-Disposition has no name` };
	const filename = params.get('filename');
	const contentType = headers.get('content-type');
	if (contentType !== undefined && !/^[^/\s]+\/[^/\s;]+/.test(contentType))
		return { error: `${where} (${name}): malformed Content-Type "${contentType}"` };
	if (filename !== undefined)
		return {
			name,
			file: {
				filename,
				...(contentType === undefined ? {} : { contentType }),
				data: Buffer.from(content),
			},
		};
	try {
		return { name, value: utf8.decode(content) };
	} catch {
		return {
			error: `${where} (${name}): the value is not valid UTF-8 (send binary data as a file)`,
		};
	}
}

/** Parses a multipart/form-data body; the error says what is wrong and where. */
export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartResult {
	const found = multipartBoundary(contentType);
	if ('error' in found) return found;
	const delimiter = Buffer.from(`--${found.boundary}`);
	const nextDelimiter = Buffer.concat([CRLF, delimiter]);
	if (!body.subarray(0, delimiter.length).equals(delimiter))
		return {
			error: `the body does not start with the delimiter --${found.boundary} (wrong boundary, or a preamble)`,
		};
	const parts: MultipartPart[] = [];
	let position = delimiter.length;
	for (;;) {
		// Transport padding (RFC 2046) may follow a delimiter.
		while (body[position] === 0x20 || body[position] === 0x09) position++;
		if (position >= body.length)
			return { error: `missing closing delimiter --${found.boundary}--` };
		if (body[position] === 0x2d && body[position + 1] === 0x2d) {
			position += 2;
			break;
		}
		if (!body.subarray(position, position + 2).equals(CRLF))
			return {
				error: `part ${parts.length + 1}: the delimiter must be followed by CRLF (or -- to close)`,
			};
		position += 2;
		if (body.subarray(position, position + 2).equals(CRLF))
			return { error: `part ${parts.length + 1}: no Content-Disposition header` };
		const headerEnd = body.indexOf(HEADER_END, position);
		const next = body.indexOf(nextDelimiter, position);
		if (next < 0)
			return {
				error: `missing closing delimiter --${found.boundary}-- after part ${parts.length + 1}`,
			};
		if (headerEnd < 0 || headerEnd > next)
			return {
				error: `part ${parts.length + 1}: headers must end with an empty line (CRLF CRLF)`,
			};
		const part = parsePart(
			parts.length,
			body.subarray(position, headerEnd),
			body.subarray(headerEnd + HEADER_END.length, next),
		);
		if ('error' in part) return part;
		parts.push(part);
		position = next + nextDelimiter.length;
	}
	if (!parts.length) return { error: 'the body has no parts' };
	const epilogue = body.subarray(position).toString('latin1');
	if (!/^\s*$/.test(epilogue)) return { error: 'unexpected data after the closing delimiter' };
	return { parts };
}

/**
 * A recorded multipart request as [name, value] pairs in order; a file part's value is
 * "<filename> <content type> <hex of the bytes>". Throws when the body is not valid multipart.
 */
export function partsOf(request: { rawBody: Buffer; headers: Record<string, unknown> }) {
	const parsed = parseMultipart(request.rawBody, String(request.headers['content-type']));
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.parts.map((part) =>
		part.file
			? [
					part.name,
					`${part.file.filename} ${part.file.contentType} ${part.file.data.toString('hex')}`,
				]
			: [part.name, part.value],
	);
}
