import type { Resource } from '../../../shared/descriptions';
import { check } from './check';

export const relationship: Resource = {
	name: 'Relationship',
	value: 'relationship',
	operations: [check],
};
