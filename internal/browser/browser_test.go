// Package browser_test drives the pages in headless Chromium (Debian's
// chromium package) with chromedp, against the real server on a real
// database, the way people use them.
package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromium finds the browser; without it the test skips, or fails under
// CI=true, where .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed: under CI=true the browser tests must run (apt-get install -y chromium)")
	}
	t.Skip("Chromium is not installed")
	return ""
}

// browser is one headless Chromium with a tab, that fails the test on any
// request to another host than the app's.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	mu   *sync.Mutex
	away *[]string
}

// newBrowser starts Chromium for the app at base (a new, empty profile).
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browser{t: t, base: base, mu: &sync.Mutex{}, away: new([]string)}
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(b.watch))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b.ctx = ctx
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return b
}

// watch records every request of a tab that leaves the app's host.
func (b *browser) watch(ev any) {
	var u string
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		u = e.Request.URL
	case network.EventRequestWillBeSent:
		u = e.Request.URL
	default:
		return
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "data" && p.Scheme != "blob" && p.Host != mustHost(b.base)) {
		b.mu.Lock()
		*b.away = append(*b.away, u)
		b.mu.Unlock()
	}
}

// newTab opens another tab of the same browser (same cookies).
func (b *browser) newTab() *browser {
	tab := &browser{t: b.t, base: b.base, mu: b.mu, away: b.away}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tab.watch))
	b.t.Cleanup(cancel)
	tab.ctx = ctx
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		b.t.Fatal(err)
	}
	return tab
}

func mustHost(base string) string {
	u, _ := url.Parse(base)
	return u.Host
}

// noRequestsAway fails the test if a page asked for anything on another host.
func (b *browser) noRequestsAway() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(*b.away) > 0 {
		b.t.Fatalf("requests left the machine: %v", *b.away)
	}
}

// fail ends the test with what went wrong and the page it was on.
func (b *browser) fail(what string, err error) {
	b.t.Helper()
	loc, _ := chromedp.Run(b.ctx, chromedp.Location())
	body, _ := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("main")))
	if len(body) > 1500 {
		body = body[:1500]
	}
	b.t.Fatalf("%s: %v\n  at %s\n  page: %s", what, err, loc, body)
}

// run runs browser actions with a deadline.
func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fail(what, err)
	}
}

// get runs one action that answers a value.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.fail(what, err)
	}
	return v
}

// css is a CSS selector.
func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// open loads a page of the app and waits for its main content.
func (b *browser) open(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible(css("main")))
}

// text returns the visible text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	return get(b, "read "+sel, chromedp.Text(css(sel)))
}

// value returns the value of a form field.
func (b *browser) value(sel string) string {
	b.t.Helper()
	return get(b, "value of "+sel, chromedp.Value(css(sel)))
}

// location is the page's address.
func (b *browser) location() string {
	b.t.Helper()
	return get(b, "location", chromedp.Location())
}

// see fails unless the page's main content holds every one of the words.
func (b *browser) see(words ...string) {
	b.t.Helper()
	body := b.text("main")
	for _, w := range words {
		if !strings.Contains(body, w) {
			b.t.Fatalf("%s does not show %q:\n%s", b.location(), w, body)
		}
	}
}

// signIn signs in through the sign-in page.
func (b *browser) signIn(username, password string) {
	b.t.Helper()
	b.open("/login")
	b.run("sign in as "+username,
		chromedp.SendKeys(css("#f-username"), username),
		chromedp.SendKeys(css("#f-password"), password),
		chromedp.Click(css(`form[action="/login"] button`)),
		chromedp.WaitVisible(css(`form[action="/logout"]`)),
	)
}

// signOut signs out with the header's button.
func (b *browser) signOut() {
	b.t.Helper()
	b.run("sign out", chromedp.Click(css(`form[action="/logout"] button`)), chromedp.WaitVisible(css("#f-username")))
}

// submit clicks a button or link that loads another page, and waits until
// the next document has loaded (the old one carried a marker the new one
// lacks).
func (b *browser) submit(button string) {
	b.t.Helper()
	get(b, "mark the page", chromedp.Evaluate[bool](`window.__cchcOld = true`))
	b.run("submit "+button, chromedp.Click(css(button)))
	deadline := time.Now().Add(20 * time.Second)
	for {
		fresh, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!window.__cchcOld && document.readyState === "complete"`))
		if err == nil && fresh {
			break
		}
		if time.Now().After(deadline) {
			b.fail("wait for the page after "+button, fmt.Errorf("still on the old page"))
		}
		time.Sleep(30 * time.Millisecond)
	}
	b.run("after "+button, chromedp.WaitVisible(css("main")))
}

// fill replaces the value of the fields, by selector.
func (b *browser) fill(fields map[string]string) {
	b.t.Helper()
	for sel, v := range fields {
		b.run("fill "+sel, chromedp.SetValue(css(sel), v))
	}
}

// phone sets a phone-sized screen (360 × 740) or back to a desktop one.
func (b *browser) phone(on bool) {
	b.t.Helper()
	if on {
		b.run("phone screen", chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
	} else {
		b.run("desktop screen", chromedp.EmulateReset())
	}
}

// noSideScroll fails if the page is wider than the screen.
func (b *browser) noSideScroll() {
	b.t.Helper()
	widths := get(b, "measure width", chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if len(widths) == 2 && widths[0] > widths[1] {
		b.t.Errorf("%s scrolls sideways: %d px of content in %d px", b.location(), widths[0], widths[1])
	}
}

// screenshot saves what the screen shows as SCREENSHOTS_DIR/NAME.png when SCREENSHOTS_DIR
// is set (docs/screenshots, shown in the README, is made this way).
func (b *browser) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv("SCREENSHOTS_DIR")
	if dir == "" {
		return
	}
	img := get(b, "screenshot "+name, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(dir, name+".png"), img, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func id(n int64) string { return fmt.Sprint(n) }

// chromedpCount counts the elements matching a CSS selector.
func chromedpCount(sel string) chromedp.Action[int] {
	return chromedp.Evaluate[int](`document.querySelectorAll(` + jsString(sel) + `).length`)
}

// chromedpAttr reads an attribute of the first element matching sel.
func chromedpAttr(sel, name string) chromedp.Action[string] {
	return chromedp.Evaluate[string](`document.querySelector(` + jsString(sel) + `).getAttribute(` + jsString(name) + `)`)
}

// chromedpCookie reads a cookie of the page's site (also an HttpOnly one).
func chromedpCookie(name string) chromedp.Action[string] {
	return func(ctx context.Context, t *chromedp.Target) (string, error) {
		res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{})
		if err != nil {
			return "", err
		}
		for _, c := range res.Cookies {
			if c.Name == name {
				return c.Value, nil
			}
		}
		return "", fmt.Errorf("no cookie %s", name)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
