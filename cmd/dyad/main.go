// Command dyad turns news articles into coded political events (who did what to whom, when and
// where) and keeps, queries and serves them. Run "dyad help" for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// env is what a subcommand may touch of the outside world, so that tests can run Main in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order "dyad help" shows them.
func commands() []command {
	return []command{
		{"code", "code articles into events (JSONL, TSV or CSV)", cmdCode},
		{"parse", "tokenize, tag and parse English text into CoNLL-U; --eval scores a treebank", cmdParse},
		{"train", "train the tagger, lemmatizer and parser from UD treebanks", cmdTrain},
		{"eval", "score coded events against gold events", cmdEval},
		{"dict", "inspect the dictionaries (dict stats, dict check, dict lookup)", cmdDict},
		{"ingest", "read, code and store articles in the event store", cmdIngest},
		{"query", "filter and aggregate stored events", cmdQuery},
		{"sql", "run SQL over the event store", cmdSQL},
		{"export", "export stored events (parquet, csv, tsv, jsonl; GDELT and ICEWS layouts)", cmdExport},
		{"serve", "serve the HTTP API and dashboard", cmdServe},
		{"watch", "poll RSS/Atom feeds, code new articles and store them", cmdWatch},
		{"bench", "measure throughput per stage", cmdBench},
		{"version", "print the version", cmdVersion},
		{"help", "show help for dyad or a subcommand", cmdHelp},
	}
}

// errUsage marks an error in the command line; Main prints it with a hint and exits 2.
var errUsage = errors.New("usage")

// usageError wraps a message as a usage error.
func usageError(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// Main runs dyad with args (without the program name) and returns the exit status.
func Main(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		printHelp(e.stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "dyad %s: %v\nRun 'dyad help %s' for usage.\n", c.name, err, c.name)
			return 2
		default:
			fmt.Fprintf(e.stderr, "dyad %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "dyad: unknown command %q\n", args[0])
	printHelp(e.stderr)
	return 2
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "dyad turns news articles into political event data: who did what to whom, when and where.")
	fmt.Fprintln(w, "\nUsage: dyad COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dyad help COMMAND' or 'dyad COMMAND -h' for a command's flags.")
}

func cmdHelp(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		printHelp(e.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] && c.name != "help" {
			return c.run(ctx, &env{stdin: e.stdin, stdout: e.stdout, stderr: e.stdout, getenv: e.getenv}, []string{"-h"})
		}
	}
	return usageError("unknown command %q", args[0])
}

// newFlagSet returns a flag set for a subcommand that writes its usage to e.stderr.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("dyad "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: dyad %s %s\n\nFlags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
