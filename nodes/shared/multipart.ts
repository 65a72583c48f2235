import type { IExecuteSingleFunctions } from 'n8n-workflow';

import type { BinaryFile } from './binary';
import { chunksOf } from './binary';

/** A file part in the shape of a WHATWG Blob (`name`, `type`, `size`, `stream()`), read only when sent. */
interface FilePart {
	name: string;
	type: string;
	size: number;
	stream(): AsyncIterable<Uint8Array>;
}

/**
 * A multipart/form-data body for n8n's own request helper. Its HTTP client (axios) sends any object
 * shaped like a WHATWG FormData (`append`, `entries`, iterable, tag "FormData") as a multipart
 * stream, with its own boundary and the Content-Length from the parts' sizes, and reads each file
 * through `stream()`: files go from n8n's binary store to the socket without being held whole.
 * Community nodes may not import the form-data package (docs/n8n-behaviour.md#community-package-rules).
 * Leave Content-Type unset: the client sets it with the boundary.
 */
export class MultipartBody {
	readonly [Symbol.toStringTag] = 'FormData';

	private readonly parts: Array<[string, string | FilePart]> = [];

	append(name: string, value: string | FilePart) {
		this.parts.push([name, value]);
	}

	entries() {
		return this.parts[Symbol.iterator]();
	}

	[Symbol.iterator]() {
		return this.entries();
	}
}

/** A file of the item as a part, streamed from n8n's binary store when the request is sent. */
export function filePart(context: IExecuteSingleFunctions, file: BinaryFile): FilePart {
	return {
		name: file.fileName,
		type: file.mimeType,
		size: file.bytes,
		async *stream() {
			let sent = 0;
			for await (const chunk of chunksOf(context, file)) {
				sent += chunk.length;
				yield chunk;
			}
			if (sent !== file.bytes) {
				throw new RangeError(`"${file.fileName}" changed size while it was being sent`);
			}
		},
	};
}
