import type { IBinaryData, IExecuteSingleFunctions } from 'n8n-workflow';
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
/** Bytes read at a time: small enough that each chunk and its base64 text are collected young,
 * not left in the old space (BENCHMARKS.md, attachments). */
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

/**
 * The file in chunks: streamed from n8n's binary store, or decoded slice by slice when n8n holds it
 * inline as base64 text, so no whole copy of the file is made.
 */
export async function* chunksOf(context: IExecuteSingleFunctions, file: BinaryFile) {
	if (file.data.id) {
		for await (const chunk of await context.helpers.getBinaryStream(file.data.id, CHUNK_BYTES))
			yield chunk as Buffer;
		return;
	}
	const text = file.data.data;
	const step = (CHUNK_BYTES / 3) * 4;
	for (let start = 0; start < text.length; start += step)
		yield Buffer.from(text.slice(start, start + step), BINARY_ENCODING);
}
