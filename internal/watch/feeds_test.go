package watch

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseFeedList(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []Feed
		err      string
	}{
		{"empty", "", nil, ""},
		{"comments and blanks", "# my feeds\n\n   \n\t# indented comment\n", nil, ""},
		{"urls", "https://a.example/rss\nhttp://b.example:8080/feed.xml\n",
			[]Feed{{URL: "https://a.example/rss"}, {URL: "http://b.example:8080/feed.xml"}}, ""},
		{"names", "https://a.example/rss  River   Post \nhttps://b.example/atom\tDaily Bugle # world news\n",
			[]Feed{{URL: "https://a.example/rss", Name: "River Post"}, {URL: "https://b.example/atom", Name: "Daily Bugle"}}, ""},
		{"CRLF and BOM", "\uFEFFhttps://a.example/rss Post\r\n",
			[]Feed{{URL: "https://a.example/rss", Name: "Post"}}, ""},
		{"duplicates", "https://a.example/rss First\nhttps://a.example/rss Second\n",
			[]Feed{{URL: "https://a.example/rss", Name: "First"}}, ""},
		{"fragment kept", "https://a.example/rss#top\n", []Feed{{URL: "https://a.example/rss#top"}}, ""},
		{"not http", "https://a.example/rss\nftp://b.example/feed\n", nil, "line 2: "},
		{"relative", "/rss\n", nil, "line 1: "},
		{"no host", "http:///rss\n", nil, "line 1: "},
		{"bad url", "http://a%zz/\n", nil, "line 1: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseFeedList(strings.NewReader(c.in))
			if c.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), c.err) {
					t.Fatalf("error %v, want one starting %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func FuzzParseFeedList(f *testing.F) {
	for _, s := range []string{
		"", "# c\nhttps://a.example/rss Name\n", "http://x\thttp://y\n", "https://a.example/r #c\r\n",
		"\uFEFFhttp://a:1/ \xff name", "http://[::1]:80/feed x", "https://a.example/rss\nhttps://a.example/rss",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		feeds, err := ParseFeedList(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		var b strings.Builder
		for _, fd := range feeds {
			u, err := url.Parse(fd.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Fatalf("feed URL %q accepted", fd.URL)
			}
			if strings.ContainsFunc(fd.URL, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
				t.Fatalf("feed URL %q has white space", fd.URL)
			}
			if !utf8.ValidString(fd.Name) || strings.Contains(fd.Name, "\n") || fd.Name != strings.TrimSpace(fd.Name) {
				t.Fatalf("feed name %q", fd.Name)
			}
			if seen[fd.URL] {
				t.Fatalf("feed %q listed twice", fd.URL)
			}
			seen[fd.URL] = true
			fmt.Fprintf(&b, "%s %s\n", fd.URL, fd.Name)
		}
		// Writing the list back and reading it again gives the same feeds.
		again, err := ParseFeedList(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("rereading %q: %v", b.String(), err)
		}
		if len(again) != len(feeds) || (len(feeds) > 0 && !reflect.DeepEqual(again, feeds)) {
			t.Fatalf("reread %+v, want %+v", again, feeds)
		}
	})
}
