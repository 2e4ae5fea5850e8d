package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/build"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{"publish"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"--no-such-flag", "build"},
		{"build", "--format", "docx"},
		{"build", "one-book", "another-book"},
		{"build", "--book", "a", "b"},
		{"init"},
		{"build", "--no-such-flag"},
		{"check", "--json", "--no-such-flag"},
	} {
		code, stdout, stderr := run(t, args...)
		if code != ExitUsage {
			t.Errorf("publish %s: exit %d, want %d (stderr: %s)", strings.Join(args, " "), code, ExitUsage, stderr)
		}
		if stderr == "" {
			t.Errorf("publish %s: no message on stderr", strings.Join(args, " "))
		}
		// Standard output is the editors' (--json): a usage error
		// prints nothing there, not the command's help.
		if stdout != "" {
			t.Errorf("publish %s: a usage error printed on standard output:\n%s", strings.Join(args, " "), stdout)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "publish ") {
		t.Errorf("version: exit %d, output %q", code, out)
	}
	code, out, _ := run(t, "--help")
	if code != 0 {
		t.Errorf("--help: exit %d", code)
	}
	for _, want := range []string{"build", "check", "init", "--book", "--layout", "--out", "Exit status"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help does not mention %q:\n%s", want, out)
		}
	}
}

// TestInitThenBuild creates a project with init and builds it from
// another directory with explicit paths, twice: the outputs must be
// identical, and a failed build must leave them untouched.
func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "livre")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	if code, _, _ := run(t, "init", dir); code != ExitUsage {
		t.Errorf("init over an existing book: exit %d, want %d", code, ExitUsage)
	}
	t.Chdir(t.TempDir())
	args := []string{"--book", filepath.Join(dir, "book"), "--layout", filepath.Join(dir, "layout"), "--out", filepath.Join(dir, "out")}
	code, stdout, stderr := run(t, append(args, "build")...)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "mon-livre.epub") || !strings.Contains(stdout, "mon-livre.pdf") {
		t.Errorf("summary line does not name the outputs: %q", stdout)
	}
	epub1, err := os.ReadFile(filepath.Join(dir, "out", "mon-livre.epub"))
	if err != nil {
		t.Fatal(err)
	}
	pdf1, err := os.ReadFile(filepath.Join(dir, "out", "mon-livre.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, append(args, "build")...); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	epub2, _ := os.ReadFile(filepath.Join(dir, "out", "mon-livre.epub"))
	pdf2, _ := os.ReadFile(filepath.Join(dir, "out", "mon-livre.pdf"))
	if !bytes.Equal(epub1, epub2) || !bytes.Equal(pdf1, pdf2) {
		t.Errorf("two builds of the same book differ (epub equal: %v, pdf equal: %v)", bytes.Equal(epub1, epub2), bytes.Equal(pdf1, pdf2))
	}

	// Break the book: the build fails with exit 1 and the outputs stay.
	chapter := filepath.Join(dir, "book", "01-premier-chapitre.md")
	if err := os.WriteFile(chapter, []byte("# Titre\n\nTexte [@inconnu].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, append(args, "build")...)
	if code != ExitManuscript {
		t.Fatalf("broken build: exit %d, want %d\n%s", code, ExitManuscript, stderr)
	}
	if !strings.Contains(stderr, `01-premier-chapitre.md:3:7: error: unknown source "inconnu"`) {
		t.Errorf("broken build: missing positioned error:\n%s", stderr)
	}
	epub3, _ := os.ReadFile(filepath.Join(dir, "out", "mon-livre.epub"))
	pdf3, _ := os.ReadFile(filepath.Join(dir, "out", "mon-livre.pdf"))
	if !bytes.Equal(epub1, epub3) || !bytes.Equal(pdf1, pdf3) {
		t.Error("a failed build changed the previous outputs")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "out"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".publish-tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestThreeErrors is the foundation issue's acceptance case: a misspelt
// key, a missing image and an unknown citation key give three positioned
// errors, exit 1, and nothing in the output folder.
func TestThreeErrors(t *testing.T) {
	root := t.TempDir()
	book := filepath.Join(root, "book")
	if err := os.MkdirAll(book, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"book.yaml":    "title: Essai\nlanguage: fr\nsubtitel: Faute\nsources: sources.yaml\nchapters:\n  - 01.md\n",
		"01.md":        "# Chapitre\n\nUn texte cité [@nulle-part].\n\n![Légende](../images/absente.jpg){alt=\"Image\" credit=\"D.R.\"}\n",
		"sources.yaml": "- id: connue\n  type: book\n  title: Un livre\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(book, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	layoutDir, err := filepath.Abs("../../layout")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	code, _, stderr := run(t, "--book", "book", "--layout", layoutDir, "--out", "out", "build")
	if code != ExitManuscript {
		t.Fatalf("exit %d, want %d\n%s", code, ExitManuscript, stderr)
	}
	for _, want := range []string{
		`book/book.yaml:3:1: error: unknown key "subtitel" in book.yaml (did you mean "subtitle"?)`,
		`book/01.md:3:15: error: unknown source "nulle-part"`,
		`book/01.md:5:1: error: image "../images/absente.jpg" not found`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in:\n%s", want, stderr)
		}
	}
	if n := strings.Count(stderr, ": error: "); n != 3 {
		t.Errorf("%d errors, want 3:\n%s", n, stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "out")); err == nil {
		t.Error("out/ was created by a failed build")
	}
}

// TestCheckReportsWhatBuildReports runs check and build on a book whose
// problems only the renderers see (a skipped heading level, no
// identifier): both must print the same diagnostics, and check must
// write no output.
func TestCheckReportsWhatBuildReports(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "livre")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	yaml := filepath.Join(dir, "book", "book.yaml")
	data, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.Contains(l, "uuid:") && !strings.HasPrefix(l, "identifiers:") {
			kept = append(kept, l)
		}
	}
	if err := os.WriteFile(yaml, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	chapter := filepath.Join(dir, "book", "01-premier-chapitre.md")
	if err := os.WriteFile(chapter, []byte("# Titre\n\nTexte.\n\n#### Trop profond\n\nSuite.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--book", filepath.Join(dir, "book"), "--layout", filepath.Join(dir, "layout"), "--out", filepath.Join(dir, "out")}
	_, _, checkErr := run(t, append(args, "check")...)
	if _, err := os.Stat(filepath.Join(dir, "out", "mon-livre.epub")); err == nil {
		t.Error("check wrote the EPUB")
	}
	_, _, buildErr := run(t, append(args, "build")...)
	if !strings.Contains(buildErr, "heading level 4 follows level 1") || !strings.Contains(buildErr, "gives no identifier") {
		t.Fatalf("build does not report the test's problems:\n%s", buildErr)
	}
	if checkErr != buildErr {
		t.Errorf("check reports\n%s\nbuild reports\n%s", checkErr, buildErr)
	}
}

// TestBookFolderArgument is the issue's "publish build --book mybook
// fails with flag provided but not defined: -book": the book folder is
// accepted as an argument or as --book, before or after the command, from
// any folder, with the layout and output folders found beside it; the
// project folder made by init is accepted too.
func TestBookFolderArgument(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "livre")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	t.Chdir(t.TempDir())
	book := filepath.Join(dir, "book")
	for _, args := range [][]string{
		{"build", book},
		{"build", "--book", book},
		{"--book", book, "build"},
		{"build", dir},
		{"build", dir, "--format", "pdf", "--quiet"},
		{"build", "-q", book},
	} {
		code, stdout, stderr := run(t, args...)
		if code != 0 {
			t.Errorf("publish %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "out", "mon-livre.pdf")); err != nil {
			t.Errorf("publish %s: no PDF in the project's out/: %v", strings.Join(args, " "), err)
		}
		quiet := slices.Contains(args, "--quiet") || slices.Contains(args, "-q")
		if quiet != (stdout == "") {
			t.Errorf("publish %s: standard output %q", strings.Join(args, " "), stdout)
		}
	}
	// --out after the book folder, and the check's summary in the singular.
	other := filepath.Join(t.TempDir(), "elsewhere")
	if code, _, stderr := run(t, "build", book, "--out", other); code != 0 {
		t.Fatalf("build --out after the folder: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(other, "mon-livre.epub")); err != nil {
		t.Errorf("--out after the book folder was not used: %v", err)
	}
	code, stdout, stderr := run(t, "check", book)
	if code != 0 || !strings.Contains(stdout, ": 1 chapter, 1 figure") {
		t.Errorf("check: exit %d, output %q (want \"1 chapter, 1 figure\")\n%s", code, stdout, stderr)
	}
}

// TestJSONDiagnostics checks --json: one object on standard output with
// each diagnostic's file, line, column, severity, code and message, and
// the exit codes of the text form.
func TestJSONDiagnostics(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "livre")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	chapter := filepath.Join(dir, "book", "01-premier-chapitre.md")
	if err := os.WriteFile(chapter, []byte("# Titre\n\nTexte [@inconnu].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, "check", dir, "--json")
	if code != ExitManuscript {
		t.Errorf("exit %d, want %d", code, ExitManuscript)
	}
	var rep JSONReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("standard output is not one JSON object: %v\n%s", err, stdout)
	}
	found := false
	for _, d := range rep.Diagnostics {
		if strings.HasSuffix(d.File, "01-premier-chapitre.md") && d.Line == 3 && d.Column == 7 && d.Severity == "error" && strings.Contains(d.Message, `unknown source "inconnu"`) {
			found = true
		}
	}
	if rep.OK || !found {
		t.Errorf("the report does not hold the positioned error: %+v", rep)
	}
}

// TestCorpusHidden checks that the benchmark tool is not in the user's
// --help, though it still runs (corpus_test.go).
func TestCorpusHidden(t *testing.T) {
	_, out, _ := run(t, "--help")
	if strings.Contains(out, "corpus") {
		t.Errorf("--help lists the corpus command:\n%s", out)
	}
	for _, cmd := range []string{"build", "check", "watch"} {
		_, out, _ := run(t, cmd, "--help")
		if !strings.Contains(out, "Examples:") || !strings.Contains(out, "--out") {
			t.Errorf("publish %s --help has no examples or no --out:\n%s", cmd, out)
		}
	}
}

// TestInterruptedBuildLeavesNothing is the issue's "killed builds leave
// two hidden temporary files in out/": a build stopped by Ctrl-C (SIGINT)
// at several moments removes its unfinished set, and out/ keeps a whole
// set.
func TestInterruptedBuildLeavesNothing(t *testing.T) {
	if args := os.Getenv("PUBLISH_CLI_HELPER"); args != "" {
		os.Exit(Main(append([]string{"publish"}, strings.Split(args, "\n")...), io.Discard, io.Discard))
	}
	dir := filepath.Join(t.TempDir(), "livre")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "build", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	for _, delay := range []time.Duration{20, 60, 100, 150, 200, 300} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptedBuildLeavesNothing$")
		cmd.Env = append(os.Environ(), "PUBLISH_CLI_HELPER=build\n"+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		if _, err := build.VerifyOutputs(out); err != nil {
			t.Errorf("interrupted after %d ms: %v", delay, err)
		}
		entries, _ := os.ReadDir(filepath.Join(out, ".publish"))
		sets := 0
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "set-") {
				sets++
			}
		}
		if sets != 1 {
			t.Errorf("interrupted after %d ms (exit %d): %d sets left in out/.publish, want the current one", delay, cmd.ProcessState.ExitCode(), sets)
		}
	}
}

// TestSharedCacheDir checks where the font verdicts that every book shares
// are kept: PUBLISH_CHECKED_DIR when set (empty for none), else the user's
// cache folder.
func TestSharedCacheDir(t *testing.T) {
	t.Setenv("PUBLISH_CHECKED_DIR", "/x/checked")
	if got := sharedCacheDir(); got != "/x/checked" {
		t.Errorf("with PUBLISH_CHECKED_DIR set: %q", got)
	}
	t.Setenv("PUBLISH_CHECKED_DIR", "")
	if got := sharedCacheDir(); got != "" {
		t.Errorf("with PUBLISH_CHECKED_DIR empty: %q, want none", got)
	}
	os.Unsetenv("PUBLISH_CHECKED_DIR")
	t.Setenv("XDG_CACHE_HOME", "/y/cache")
	if want := filepath.Join("/y/cache", "publish", "checked"); runtime.GOOS == "linux" && sharedCacheDir() != want {
		t.Errorf("with XDG_CACHE_HOME=/y/cache: %q, want %q", sharedCacheDir(), want)
	}
}
