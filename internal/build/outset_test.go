package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// writeVariant writes a small book into dir/book; variants differ in
// their text, so that their output sets differ in every file.
func writeVariant(t *testing.T, dir, variant string) string {
	t.Helper()
	book := filepath.Join(dir, "book")
	para := strings.Repeat("Variant "+variant+" speaks of the harbour, the forts and the guns. ", 60)
	writeFiles(t, book, map[string]string{
		"book.yaml": "title: Set\nlanguage: en\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000ee\nchapters:\n  body:\n    - one.md\n    - two.md\n",
		"one.md":    "# One " + variant + "\n\n" + para + "\n\n" + para + "\n",
		"two.md":    "# Two " + variant + "\n\n" + para + "\n",
	})
	return book
}

// setOf returns the current output set of out as name → SHA-256, after
// checking that out/<name> holds what the manifest lists.
func setOf(t *testing.T, out string) map[string]string {
	t.Helper()
	m, err := VerifyOutputs(out)
	if err != nil {
		t.Fatalf("the output set of %s is not consistent: %v", out, err)
	}
	set := map[string]string{}
	for _, f := range m.Files {
		set[f.Name] = f.SHA256
	}
	return set
}

// TestConcurrentBuildsOneOut is the "two builds into one out/"
// (make in two terminals): five pairs of builds start together into one
// output folder. Before the lock, one of each pair failed with "chmod
// …/.publish-tmp-…: no such file or directory", the other build having
// removed its temporary file; now the second waits, says so, and both end
// well with a whole set.
func TestConcurrentBuildsOneOut(t *testing.T) {
	dir := t.TempDir()
	books := []string{writeVariant(t, filepath.Join(dir, "a"), "A"), writeVariant(t, filepath.Join(dir, "b"), "B")}
	out := filepath.Join(dir, "out")
	waited := 0
	for pair := range 5 {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		notes := make([]bytes.Buffer, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := Run(Options{BookDir: books[i], LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true, Notify: &notes[i]})
				if err != nil && res != nil {
					err = fmt.Errorf("%w\n%s", err, res.Diagnostics.String())
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("pair %d, build %d: %v", pair, i, err)
			}
			if strings.Contains(notes[i].String(), "waiting for it to finish") {
				waited++
			}
		}
		setOf(t, out)
	}
	if waited == 0 {
		t.Error("no build said it waited for the other: the builds did not overlap, or the lock was not taken")
	}
	assertNoLeftovers(t, out)
}

// assertNoLeftovers checks that out holds the links, the state folder
// with the current set alone, and the cache.
func assertNoLeftovers(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(out, stateDir))
	sets := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), setPrefix) {
			sets++
		}
	}
	if sets != 1 {
		t.Errorf("%d sets in %s, want the current one only", sets, filepath.Join(out, stateDir))
	}
	entries, _ = os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), legacyTempPrefix) {
			t.Errorf("temporary file left in the output folder: %s", e.Name())
		}
	}
}

// TestLockWaitTimesOut holds an output folder's lock as another build
// would: a build into it says that it waits, then gives up with a clear
// message (not an I/O error) and writes nothing.
func TestLockWaitTimesOut(t *testing.T) {
	dir := t.TempDir()
	book := writeVariant(t, dir, "A")
	out := filepath.Join(dir, "out")
	held, err := lockOutDir(context.Background(), out, time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	var notes bytes.Buffer
	_, err = Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true, Notify: &notes, LockTimeout: 300 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "another build (process ") || !strings.Contains(err.Error(), "--out") {
		t.Errorf("build while the lock is held: err = %v, want the waiting message", err)
	}
	if !strings.Contains(notes.String(), "waiting for it to finish") {
		t.Errorf("the build did not say it waits: %q", notes.String())
	}
	if _, err := os.Stat(filepath.Join(out, "set.pdf")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a build that did not get the lock wrote set.pdf (%v)", err)
	}
	if err := held.release(); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true}); err != nil {
		t.Fatalf("build after the lock was released: %v", err)
	}
}

// TestPartialFormatKeepsTheSet builds both outputs, then the EPUB alone:
// the new set holds the new EPUB beside the PDF and preflight report of
// the earlier build, all listed in its manifest.
func TestPartialFormatKeepsTheSet(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	a := writeVariant(t, filepath.Join(dir, "a"), "A")
	b := writeVariant(t, filepath.Join(dir, "b"), "B")
	if _, err := Run(Options{BookDir: a, LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true}); err != nil {
		t.Fatal(err)
	}
	first := setOf(t, out)
	if _, err := Run(Options{BookDir: b, LayoutDir: "../../layout", OutDir: out, EPUB: true}); err != nil {
		t.Fatal(err)
	}
	second := setOf(t, out)
	for _, name := range []string{"set.pdf", "set.preflight.txt"} {
		if first[name] == "" || second[name] != first[name] {
			t.Errorf("%s: %q before the EPUB-only build, %q after; want it kept", name, first[name], second[name])
		}
	}
	if second["set.epub"] == "" || second["set.epub"] == first["set.epub"] {
		t.Error("the EPUB-only build did not replace the EPUB")
	}
	assertNoLeftovers(t, out)
}

// TestKilledBuildsLeaveASet is the issue's "a kill in between leaves a
// new PDF beside the old EPUB": a build process is killed at random
// moments, 30 times, alternating two versions of a book; after every kill
// out/ holds exactly the set of one version, as its manifest says.
func TestKilledBuildsLeaveASet(t *testing.T) {
	if os.Getenv("PUBLISH_KILL_HELPER") != "" {
		t.Skip("helper process")
	}
	kills := 30
	if testing.Short() {
		kills = 6
	}
	dir := t.TempDir()
	books := []string{writeVariant(t, filepath.Join(dir, "a"), "A"), writeVariant(t, filepath.Join(dir, "b"), "B")}
	want := make([]map[string]string, 2)
	var took time.Duration
	for i, book := range books {
		ref := filepath.Join(dir, fmt.Sprintf("ref%d", i))
		begin := time.Now()
		runHelper(t, book, ref).Wait()
		took = max(took, time.Since(begin))
		want[i] = setOf(t, ref)
	}
	out := filepath.Join(dir, "out")
	if err := runHelper(t, books[0], out).Wait(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(17, 17))
	outcome := map[string]int{}
	for k := range kills {
		target := (k + 1) % 2
		cmd := runHelper(t, books[target], out)
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := setOf(t, out)
		switch {
		case maps.Equal(got, want[target]):
			outcome["new"]++
		case maps.Equal(got, want[1-target]):
			outcome["old"]++
		default:
			t.Fatalf("kill %d: out/ holds a set that is neither version's: %v", k, got)
		}
	}
	t.Logf("%d kills within %v of the start: %v", kills, took, outcome)
	if err := runHelper(t, books[0], out).Wait(); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(setOf(t, out), want[0]) {
		t.Error("a build after the kills did not make the whole new set")
	}
	assertNoLeftovers(t, out)
}

// runHelper starts this test binary as a build process (TestKillHelper).
func runHelper(t *testing.T, book, out string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), "PUBLISH_KILL_HELPER="+book+string(os.PathListSeparator)+out)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestKillHelper is the build process TestKilledBuildsLeaveASet kills; it
// does nothing in a normal test run.
func TestKillHelper(t *testing.T) {
	env := os.Getenv("PUBLISH_KILL_HELPER")
	if env == "" {
		return
	}
	book, out, _ := strings.Cut(env, string(os.PathListSeparator))
	if _, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true}); err != nil {
		t.Fatal(err)
	}
}
