package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/ingest"
)

func ExampleRead() {
	stdin := strings.NewReader(`{"id":"a1","date":"2024-05-02","text":"Chad and Niger agreed on Thursday to reopen their border, the two governments said."}
{"id":"a2","date":"2024-05-02","text":""}
{"id":"a3","text":"The prime minister of Nepal visited New Delhi on Friday for talks on hydropower."}
`)
	opts := ingest.Options{
		Date:   dyad.MustDate("2024-05-03"), // for articles that carry no date
		Stdin:  stdin,
		OnSkip: func(err error) { fmt.Println("skipped:", err) },
	}
	st, err := ingest.Read(context.Background(), []string{"-"}, opts, func(a *dyad.Article) error {
		fmt.Println(a.ID, a.Date, a.Text[:24])
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(st.Articles, "articles,", st.Skipped, "skipped:", st.ByReason)
	// Output:
	// a1 2024-05-02 Chad and Niger agreed on
	// skipped: stdin:2: empty text
	// a3 2024-05-03 The prime minister of Ne
	// 2 articles, 1 skipped: map[empty text:1]
}

func ExampleParseFeed() {
	feed := `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Andes Wire</title>
<item><title>Peru and Chile sign accord</title><link>https://andes.example/1</link>
<pubDate>Mon, 06 May 2024 10:00:00 -0500</pubDate>
<description>&lt;p&gt;Peru and Chile signed an accord on &lt;b&gt;Monday&lt;/b&gt; to share port data.&lt;/p&gt;</description></item>
</channel></rss>`
	arts, err := ingest.ParseFeed(strings.NewReader(feed), "andes.rss")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range arts {
		fmt.Printf("%s | %s | %s | %s | %s\n", a.ID, a.Date, a.Source, a.Title, a.Text)
	}
	// Output:
	// https://andes.example/1 | 2024-05-06 | Andes Wire | Peru and Chile sign accord | Peru and Chile signed an accord on Monday to share port data.
}

func ExampleExtractHTML() {
	page := `<html><head><title>Talks in Doha | Gulf Daily</title>
<meta property="og:site_name" content="Gulf Daily">
<meta property="article:published_time" content="2024-05-07T09:00:00+03:00">
<link rel="canonical" href="https://gulfdaily.example/talks-doha"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks in Doha</h1>
<p>Mediators from Qatar and Egypt met negotiators in Doha on Tuesday to discuss a ceasefire, officials said.</p>
<p>The talks are expected to continue on Wednesday.</p></article>
<footer>Copyright Gulf Daily</footer></body></html>`
	a, err := ingest.ExtractHTML(strings.NewReader(page), "", "doha.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Date, a.URL, a.Source)
	fmt.Println(a.Text)
	// Output:
	// 2024-05-07 https://gulfdaily.example/talks-doha Gulf Daily
	// Mediators from Qatar and Egypt met negotiators in Doha on Tuesday to discuss a ceasefire, officials said.
	//
	// The talks are expected to continue on Wednesday.
}
