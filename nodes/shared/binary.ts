import type { IBinaryData, IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import type { ItemInputs } from './preflight';

/** A file of an input item, checked (it exists, its size) but not read. */
export interface BinaryFile {
	property: string;
	mimeType: string;
	fileName: string;
	bytes: number;
	/** Where n8n keeps it: an id in its binary store, or the data inline. */
	data: Pick<IBinaryData, 'id' | 'data'>;
}

const MB = 1024 * 1024;
/** Bytes read and encoded at a time: a multiple of 3, so base64 chunks join without padding; small
 * enough that each chunk and its base64 string are collected young, not left in the old space. */
const CHUNK_BYTES = 3 * 16 * 1024;

function formatSize(bytes: number) {
	return `${(bytes / MB).toFixed(1)} MB`;
}

/** File name with an extension (APIs need one to type the file). */
function fileNameOf(property: string, fileName?: string, extension?: string) {
	if (fileName && /\.[A-Za-z0-9]+$/.test(fileName)) return fileName;
	const base = fileName || property;
	return extension ? `${base}.${extension}` : base;
}

/**
 * Checks the named binary properties of an item without reading them: a missing property, or
 * files over `maxTotalBytes` together, fail naming the property or the sizes. Sizes come from
 * n8n's binary metadata.
 */
export async function checkFiles(
	item: ItemInputs,
	properties: string[],
	options: { field: string; maxTotalBytes?: number },
): Promise<BinaryFile[]> {
	const binary = item.item.binary ?? {};
	const files: BinaryFile[] = [];
	for (const property of properties) {
		if (!property.trim()) {
			item.fail(
				`An entry of "${options.field}" has no binary property name`,
				'Enter the name of the binary property that holds the file, e.g. data.',
			);
		}
		const meta = binary[property];
		if (!meta) {
			const available = Object.keys(binary);
			item.fail(
				`The item has no binary property "${property}" (set in "${options.field}")`,
				available.length
					? `This item's binary properties are: ${available.join(', ')}. Use one of them.`
					: 'This item has no binary data. Add a node that reads or downloads the file before this one.',
			);
		}
		const bytes = meta.id
			? (await item.context.helpers.getBinaryMetadata(meta.id)).fileSize
			: Buffer.byteLength(meta.data, BINARY_ENCODING);
		files.push({
			property,
			bytes,
			mimeType: meta.mimeType || 'application/octet-stream',
			fileName: fileNameOf(property, meta.fileName, meta.fileExtension),
			data: { id: meta.id, data: meta.data },
		});
	}
	const total = files.reduce((sum, file) => sum + file.bytes, 0);
	if (options.maxTotalBytes !== undefined && total > options.maxTotalBytes) {
		const sizes = files.map((file) => `${file.property}: ${formatSize(file.bytes)}`).join(', ');
		item.fail(
			`The attachments are ${formatSize(total)} together, over the ${formatSize(options.maxTotalBytes)} limit`,
			`Sizes: ${sizes}. Send fewer or smaller files in "${options.field}".`,
		);
	}
	return files;
}

/** The file in chunks: streamed from n8n's binary store, or sliced when it is held inline. */
export async function* chunksOf(context: IExecuteSingleFunctions, file: BinaryFile) {
	if (file.data.id) {
		for await (const chunk of await context.helpers.getBinaryStream(file.data.id, CHUNK_BYTES))
			yield chunk as Buffer;
		return;
	}
	const data = Buffer.from(file.data.data, BINARY_ENCODING);
	for (let start = 0; start < data.length; start += CHUNK_BYTES)
		yield data.subarray(start, start + CHUNK_BYTES);
}

/** The whole file (for APIs that take it as the raw body). */
export async function readFile(
	context: IExecuteSingleFunctions,
	file: BinaryFile,
): Promise<Buffer> {
	if (!file.data.id) return Buffer.from(file.data.data, BINARY_ENCODING);
	const chunks: Buffer[] = [];
	for await (const chunk of chunksOf(context, file)) chunks.push(chunk);
	return Buffer.concat(chunks);
}

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/**
 * `body` as JSON with `body[key]` set to one object per file, `{ content: <base64>, ...fields }`.
 * Each file is read in chunks and encoded straight into the one output buffer, so a 20 MB file
 * never exists as a whole base64 string or JSON string (BENCHMARKS.md, attachments).
 */
export async function jsonWithFiles(
	context: IExecuteSingleFunctions,
	body: IDataObject,
	key: string,
	parts: Array<{ file: BinaryFile; fields: IDataObject }>,
): Promise<Buffer> {
	const open = JSON.stringify(body);
	const texts = [`${open === '{}' ? '{' : `${open.slice(0, -1)},`}${JSON.stringify(key)}:[`];
	parts.forEach(({ fields }, index) => {
		const rest = JSON.stringify(fields);
		texts.push(`${index ? ',' : ''}{"content":"`, `"${rest === '{}' ? '}' : `,${rest.slice(1)}`}`);
	});
	texts.push(']}');
	const size =
		texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) +
		parts.reduce((sum, { file }) => sum + base64Length(file.bytes), 0);
	const out = Buffer.alloc(size);
	let offset = out.write(texts[0], 0);
	for (const [index, { file }] of parts.entries()) {
		offset += out.write(texts[1 + 2 * index], offset);
		const start = offset;
		let carry = Buffer.alloc(0);
		for await (const chunk of chunksOf(context, file)) {
			const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
			const whole = data.length - (data.length % 3);
			offset += out.write(data.subarray(0, whole).toString('base64'), offset, 'latin1');
			carry = Buffer.from(data.subarray(whole));
		}
		offset += out.write(carry.toString('base64'), offset, 'latin1');
		if (offset - start !== base64Length(file.bytes)) {
			throw new RangeError(
				`The file in binary property "${file.property}" changed size while it was being read`,
			);
		}
		offset += out.write(texts[2 + 2 * index], offset);
	}
	out.write(texts[texts.length - 1], offset);
	return out;
}
