// Package dyad is the domain vocabulary of dyad, a coder that turns news into political event data:
// articles, dates, spans, actors, events and the CAMEO/PLOVER code tables. It depends only on the
// standard library; every other package of the module builds on it.
package dyad
