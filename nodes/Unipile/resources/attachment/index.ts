import type { Resource } from '../../../shared/descriptions';
import { download } from './download';

export const attachment: Resource = {
	name: 'Attachment',
	value: 'attachment',
	operations: [download],
};
