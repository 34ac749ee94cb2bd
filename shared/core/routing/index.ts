// Suggesting a message's topic, place and departments from its words: pure, the stemmer handed in.
export { builtInLexicon, type Category } from './lexicon.js';
export { buildRouter, departmentsFromHistory, words, type PastRouting, type Router, type RoutingOrg, type Stem, type TopicMatch } from './match.js';
