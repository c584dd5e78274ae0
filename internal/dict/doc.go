// Package dict owns dyad's dictionaries: the text formats described in FORMAT.md (countries,
// people, organizations, agents, verbs, places), their scanner and parsers with file:line error
// lists, the embedded default files under data/, user folders loaded on top of them, and the
// indexes the event coder matches words against (actors, agent nouns and titles, verb and noun
// patterns, places).
//
// Every key is matched in the form given by Norm: lower case, diacritics folded, curly quotes and
// unicode dashes replaced by their ASCII forms. Callers pass words already Norm'ed.
package dict
