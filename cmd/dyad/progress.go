package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/dyad-events/dyad/internal/ingest"
)

// progressFlag defines the --progress flag of the commands that read inputs.
func progressFlag(fs *flag.FlagSet) *string {
	return fs.String("progress", "auto", "progress bar on standard error: auto (when it is a terminal), on or off")
}

// progressShown resolves a --progress value. On auto the bar is shown when standard error is a
// terminal, but not when events are printed to that same terminal (eventsToStdout and standard
// output a terminal), where the bar would tear the lines.
func progressShown(mode string, e *env, eventsToStdout bool) (bool, error) {
	switch mode {
	case "auto":
		return isTerminalWriter(e.stderr) && !(eventsToStdout && isTerminalWriter(e.stdout)), nil
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, usageError("--progress %q: want auto, on or off", mode)
}

// progress shows a progress bar: articles and events with their rates and, when the size of the
// inputs is known (files, gzipped or not, but not standard input), the share of the input bytes
// read and an ETA. Without a bar every method does nothing.
type progress struct {
	p                *mpb.Progress
	bar              *mpb.Bar
	total            int64
	start            time.Time
	articles, events atomic.Int64

	// messages written while the bar runs (Write), printed above it in one write a refresh
	mu       sync.Mutex
	msgs     bytes.Buffer
	done     bool // finish has run: messages go straight to out
	out      io.Writer
	stop     chan struct{}
	flushed  chan struct{}
	stopOnce sync.Once
}

// progressRefresh is how often the bar is redrawn and waiting messages printed.
const progressRefresh = 200 * time.Millisecond

// newProgress starts a bar labelled name on w when show is set.
func newProgress(ctx context.Context, name string, w io.Writer, show bool, inputs []string) *progress {
	pr := &progress{start: time.Now(), out: w}
	if !show {
		return pr
	}
	pr.total = ingest.Size(inputs)
	pr.p = mpb.NewWithContext(ctx, mpb.WithOutput(w), mpb.WithRefreshRate(progressRefresh), mpb.WithAutoRefresh())
	pr.stop, pr.flushed = make(chan struct{}), make(chan struct{})
	go pr.printMessages()
	rates := decor.Any(func(decor.Statistics) string {
		el := time.Since(pr.start).Seconds()
		a, ev := pr.articles.Load(), pr.events.Load()
		return fmt.Sprintf("%d articles %d events  %.0f articles/s %.0f events/s", a, ev, float64(a)/el, float64(ev)/el)
	})
	if pr.total > 0 {
		pr.bar = pr.p.New(pr.total, mpb.BarStyle(), mpb.PrependDecorators(decor.Name(name+" "), decor.Percentage(decor.WCSyncSpace)),
			mpb.AppendDecorators(rates, decor.Name("  ETA "), decor.AverageETA(decor.ET_STYLE_GO)))
	} else {
		pr.bar = pr.p.New(0, mpb.SpinnerStyle(), mpb.PrependDecorators(decor.Name(name+" ")), mpb.AppendDecorators(rates))
	}
	return pr
}

// read advances the bar by n bytes read from the input files (ingest.Options.OnRead).
func (pr *progress) read(n int) {
	if pr.bar == nil || pr.total == 0 {
		return
	}
	// Stop one byte short of the total: a complete bar stops being redrawn, and the articles read
	// ahead are still being coded. finish completes it.
	if inc := min(int64(n), pr.total-1-pr.bar.Current()); inc > 0 {
		pr.bar.IncrInt64(inc)
	}
}

// add counts an article that is done, with the events it gave.
func (pr *progress) add(events int) {
	if pr.bar == nil {
		return
	}
	pr.articles.Add(1)
	pr.events.Add(int64(events))
}

// finish completes the bar (ok) or leaves it where it stopped, waits until it is drawn and prints
// the messages still waiting.
func (pr *progress) finish(ok bool) {
	if pr.bar == nil {
		return
	}
	pr.stopOnce.Do(func() { close(pr.stop) })
	<-pr.flushed
	if ok {
		pr.bar.SetTotal(-1, true)
	} else {
		pr.bar.Abort(false)
	}
	pr.p.Wait()
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.done = true
	pr.out.Write(pr.msgs.Bytes())
	pr.msgs.Reset()
}

// Write takes a message (whole lines) for standard error: while a bar runs it is printed above
// the bar at its next refresh, since lines written straight to the terminal would tear the bar;
// without a bar, or once it is finished, it is written at once.
func (pr *progress) Write(b []byte) (int, error) {
	if pr.bar == nil {
		return pr.out.Write(b)
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.done {
		return pr.out.Write(b)
	}
	return pr.msgs.Write(b)
}

// printMessages prints the waiting messages above the bar once a refresh until finish. One
// Progress.Write a refresh: each one waits for the bar's next refresh.
func (pr *progress) printMessages() {
	defer close(pr.flushed)
	t := time.NewTicker(progressRefresh)
	defer t.Stop()
	for {
		select {
		case <-pr.stop:
			return
		case <-t.C:
		}
		pr.mu.Lock()
		b := bytes.Clone(pr.msgs.Bytes())
		pr.msgs.Reset()
		pr.mu.Unlock()
		if len(b) > 0 {
			if _, err := pr.p.Write(b); err != nil {
				pr.mu.Lock() // the bar is gone: finish prints them, these first
				rest := bytes.Clone(pr.msgs.Bytes())
				pr.msgs.Reset()
				pr.msgs.Write(b)
				pr.msgs.Write(rest)
				pr.mu.Unlock()
				return
			}
		}
	}
}

// messages is where the per-record messages of a command (skipped records) go: standard error,
// or a running progress bar, which prints them above itself.
type messages struct {
	w atomic.Pointer[io.Writer]
}

func newMessages(w io.Writer) *messages {
	m := &messages{}
	m.to(w)
	return m
}

// to sends the messages to w from now on.
func (m *messages) to(w io.Writer) { m.w.Store(&w) }

func (m *messages) Write(b []byte) (int, error) { return (*m.w.Load()).Write(b) }
