package ingest

import (
	"strings"
	"testing"
)

// storyBody is article text long enough to be extracted.
const storyBody = `<p>The foreign minister of Mongolia met his Chinese counterpart in Ulaanbaatar on Monday to discuss a railway line across the Gobi desert and the supply of coal to Chinese power stations, officials said.</p>
<p>The two sides agreed to set up a working group that will report to both governments before the end of the year.</p>`

func page(head, body string) string {
	return "<!DOCTYPE html><html><head><title>Mongolia talks</title>" + head + "</head><body><article>" + body + storyBody + "</article></body></html>"
}

func TestExtractHTMLDates(t *testing.T) {
	tests := []struct {
		name, html, date string
	}{
		{"article meta", page(`<meta property="article:published_time" content="2021-05-06T23:30:00-04:00">`, ""), "2021-05-06"},
		{"json-ld", page(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Mongolia talks","datePublished":"2021-05-07"}</script>`, ""), "2021-05-07"},
		{"dc.date", page(`<meta name="DC.date.issued" content="2021-05-08">`, ""), "2021-05-08"},
		{"itemprop meta", page(`<meta itemprop="datePublished" content="2021-05-09T08:00:00Z">`, ""), "2021-05-09"},
		{"itemprop time content", page("", `<time itemprop="datePublished" content="2021-05-10T23:00:00-0800">May 10</time>`), "2021-05-10"},
		{"time pubdate over first time", page("", `<time datetime="2021-01-01">Jan</time><time pubdate datetime="2021-05-11">May 11</time>`), "2021-05-11"},
		{"first time", page("", `<time datetime="2021-05-12T10:00">May 12</time>`), "2021-05-12"},
		{"publicationdate meta", page(`<meta name="article:publicationdate" content="Fri Mar 13 21:30:09 2015">`, ""), "2015-03-13"},
		{"meta beats time", page(`<meta name="pubdate" content="2021-05-13">`, `<time datetime="2020-01-01">x</time>`), "2021-05-13"},
		{"implausible year", page(`<meta property="article:published_time" content="0001-01-01T00:00:00Z">`, ""), ""},
		{"garbage", page(`<meta name="pubdate" content="soon">`, ""), ""},
		{"none", page("", ""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ExtractHTML(strings.NewReader(tt.html), "", "p")
			if err != nil {
				t.Fatal(err)
			}
			if a.Date.String() != tt.date {
				t.Errorf("date %q, want %q", a.Date, tt.date)
			}
			if !strings.Contains(a.Text, "The foreign minister of Mongolia met") {
				t.Errorf("text %.50q", a.Text)
			}
		})
	}
}

func TestExtractHTMLURLAndSource(t *testing.T) {
	tests := []struct {
		name, head, pageURL, url, source string
	}{
		{"canonical", `<link rel="canonical" href="https://steppe.example/a"><meta property="og:url" content="https://steppe.example/og">`, "", "https://steppe.example/a", "steppe.example"},
		{"relative canonical", `<link rel="canonical" href="/a">`, "https://www.steppe.example/x?y=1", "https://www.steppe.example/a", "steppe.example"},
		{"relative canonical without base", `<link rel="canonical" href="/a"><meta property="og:url" content="https://steppe.example/og">`, "", "https://steppe.example/og", "steppe.example"},
		{"page url", ``, "https://steppe.example/p", "https://steppe.example/p", "steppe.example"},
		{"site name", `<meta property="og:site_name" content="  Steppe   Times ">`, "", "", "Steppe Times"},
		{"no url", ``, "", "", ""},
		{"javascript url", `<link rel="canonical" href="javascript:alert(1)">`, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ExtractHTML(strings.NewReader(page(tt.head, "")), tt.pageURL, "p")
			if err != nil {
				t.Fatal(err)
			}
			if a.URL != tt.url || a.Source != tt.source {
				t.Errorf("url %q source %q, want %q %q", a.URL, a.Source, tt.url, tt.source)
			}
		})
	}
}

func TestDecodePage(t *testing.T) {
	late := "<html><head>" + strings.Repeat("<!-- padding -->", 100) + `<meta charset="iso-8859-1"></head><body>caf` + "\xe9</body></html>"
	tests := []struct {
		name, page, contentType, want string
	}{
		{"utf-8", "<p>café</p>", "text/html", "café"},
		{"utf-8 declared latin-1", `<meta charset="iso-8859-1"><p>café</p>`, "text/html", "café"},
		{"utf-8 served as latin-1", "<p>café</p>", "text/html; charset=iso-8859-1", "café"},
		{"latin-1 early meta", `<meta charset="iso-8859-1"><p>caf` + "\xe9</p>", "text/html", "café"},
		{"latin-1 late meta", late, "text/html", "café"},
		{"windows-1252 header", "<p>\x93quoted\x94</p>", "text/html; charset=windows-1252", "“quoted”"},
		{"no declaration", "<p>\x93quoted\x94</p>", "text/html", "“quoted”"},
		{"bad utf-8 declared utf-8", `<meta charset="utf-8"><p>caf` + "\xe9!</p>", "text/html", "caf\uFFFD!"},
		{"shift_jis", `<meta charset="shift_jis"><p>` + "\x93\xfa\x96{</p>", "text/html", "日本"},
	}
	for _, tt := range tests {
		got, err := decodePage([]byte(tt.page), tt.contentType)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(string(got), tt.want) {
			t.Errorf("%s: got %q, want it to contain %q", tt.name, got, tt.want)
		}
	}
}

func TestExtractHTMLDropsNonText(t *testing.T) {
	body := `<figure><img src="a.jpg"><figcaption>Soldiers at the border post</figcaption></figure>
<div class="media-caption">Media caption: the minister speaks</div>
<p class="byline">By A Reporter</p>
<div id="share-tools"><a href="#">Share this</a></div>
<aside><h3>Related</h3><p>Another story about something else entirely.</p></aside>
<p>Photo <span class="image-credit">Agency photographer</span></p>`
	a, err := ExtractHTML(strings.NewReader(page("", body)), "", "p")
	if err != nil {
		t.Fatal(err)
	}
	for _, junk := range []string{"Soldiers at the border", "Media caption", "By A Reporter", "Share this", "Another story", "Agency photographer"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text contains %q:\n%s", junk, a.Text)
		}
	}
	if !strings.Contains(a.Text, "The foreign minister of Mongolia met") || !strings.Contains(a.Text, "working group") {
		t.Errorf("article text lost:\n%s", a.Text)
	}
}

func TestNonTextName(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"caption", true}, {"media-caption", true}, {"caption-text", true}, {"image_credit", true},
		{"story byline", true}, {"social-share", true}, {"share-tools", true}, {"related-inline", true},
		{"newsletter-signup", true}, {"Promo", true},
		{"no_caption", false}, {"has-caption", false}, {"article-body", false}, {"share-enabled", false},
		{"buzz_superlist_item image_hit", false}, {"captioned-story", false}, {"", false}, {"--", false},
	}
	for _, tt := range tests {
		if got := nonTextName(tt.v); got != tt.want {
			t.Errorf("nonTextName(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
