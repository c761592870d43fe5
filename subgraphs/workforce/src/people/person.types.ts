import { PageOf } from '@hs/kit';
import { Person } from './person.entity.js';

export const PersonPage = PageOf(Person, 'WorkforcePerson');
