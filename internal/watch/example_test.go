package watch_test

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/watch"
)

func ExampleParseFeedList() {
	list := `# outlets I follow
https://news.example.org/rss.xml   Example News
https://other.example.com/atom     # no name
`
	feeds, err := watch.ParseFeedList(strings.NewReader(list))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range feeds {
		fmt.Printf("%s %q\n", f.URL, f.Name)
	}
	// Output:
	// https://news.example.org/rss.xml "Example News"
	// https://other.example.com/atom ""
}
