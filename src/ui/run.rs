//! The terminal loop, kept thin: it turns terminal events, signals and
//! store changes into calls on the app, and draws only when something
//! changed.
//!
//! - Input is read on its own thread and sent down a channel; signals
//!   (SIGTERM, SIGHUP from a dropped SSH link, SIGINT, SIGQUIT) come down
//!   the same channel from a `signal_hook` iterator thread.
//! - The loop blocks on that channel with a timeout of about a second:
//!   when idle it wakes once a second to ask the store for its
//!   `data_version`, and reloads the desk when another session committed.
//!   No spinning: idle CPU is one cheap query a second.
//! - It redraws only after input, a resize, or a reload. Each frame is
//!   built in memory, wrapped in synchronized-update sequences, and written
//!   with one write and one flush.
//! - A panic hook, a drop guard and the signal path all restore the
//!   terminal (leave the alternate screen, raw mode off, cursor shown,
//!   bracketed paste off).
//! - Bracketed paste is on: a paste arrives as one piece of text (never as
//!   keys that could save a form half way), and the app cleans it like
//!   every other untrusted input.
//! - The mouse (unless `mouse = false` in config.toml): the wheel moves
//!   the list's selection, a click selects a row or a tab.
//! - Ctrl-Z puts the terminal back, stops the process (SIGTSTP) and, once
//!   the shell continues it, takes the terminal again and draws it whole.
//! - The app owns the store: a save reloads the desk at once; the poll
//!   brings in other sessions' changes.

use super::backend::LeanBackend;
use super::keys::from_event;
use super::theme::{self, Theme};
use super::widgets::TableRows;
use crate::app::osc52;
use crate::app::{App, Keymap, Session, config};
use crate::store::{Mode, Store};
use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::Backend as _;
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    self as cterm, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use ratatui::crossterm::{Command, execute};
use ratatui::layout::Rect;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Once, mpsc::Sender};
use std::time::{Duration, Instant};

/// How often an idle session looks for other sessions' changes.
pub const POLL: Duration = Duration::from_millis(1000);

/// What wakes the loop.
#[derive(Debug)]
pub enum Msg {
    Key(crate::app::Key),
    /// Text pasted with bracketed paste.
    Paste(String),
    Mouse(MouseEvent),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    Signal(i32),
    /// The terminal is gone (read failed or reached its end).
    InputClosed,
}

fn ansi(c: impl Command) -> Vec<u8> {
    let mut s = String::new();
    let _ = c.write_ansi(&mut s);
    s.into_bytes()
}

/// Collects one frame in memory and writes it in one go, wrapped in
/// synchronized-update sequences, when ratatui flushes. Never writes on
/// drop: a frame cut short by a panic is thrown away, not painted over the
/// restored screen.
pub struct FrameWriter<W: Write> {
    buf: Vec<u8>,
    out: W,
    begin: Vec<u8>,
    end: Vec<u8>,
    /// The next flush keeps the bytes for the frame (a scroll written
    /// before the frame is part of it): see [`Hold`].
    held: Hold,
}

/// Asks a [`FrameWriter`] to keep what its next flush would write, for
/// the flush after it (shared with the loop, which does not own the
/// writer: the backend does).
#[derive(Debug, Clone, Default)]
pub struct Hold(std::rc::Rc<std::cell::Cell<bool>>);

impl Hold {
    pub fn next_flush(&self) {
        self.0.set(true);
    }
}

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> FrameWriter<W> {
        FrameWriter {
            buf: Vec::with_capacity(256 * 1024),
            out,
            begin: ansi(BeginSynchronizedUpdate),
            end: ansi(EndSynchronizedUpdate),
            held: Hold::default(),
        }
    }
    /// The handle that holds its next flush.
    pub fn hold(&self) -> Hold {
        self.held.clone()
    }
    pub fn get_ref(&self) -> &W {
        &self.out
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.is_empty() {
            self.buf.extend_from_slice(&self.begin);
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        if self.held.0.replace(false) {
            return Ok(());
        }
        if !self.buf.is_empty() {
            self.buf.extend_from_slice(&self.end);
            let r = self.out.write_all(&self.buf);
            self.buf.clear();
            r?;
        }
        self.out.flush()
    }
}

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Puts the terminal back as the shell expects it. Safe to call twice and
/// from a panic hook.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            EndSynchronizedUpdate,
            DisableMouseCapture,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            Show
        );
        let _ = cterm::disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal when dropped (normal exit, error, unwinding).
pub struct TerminalGuard;

impl TerminalGuard {
    /// Takes the terminal (raw mode, alternate screen, bracketed paste,
    /// and the mouse when `mouse`).
    pub fn enter(mouse: bool) -> Result<TerminalGuard> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore_terminal();
                previous(info);
            }));
        });
        take_terminal(mouse)?;
        Ok(TerminalGuard)
    }
}

fn take_terminal(mouse: bool) -> Result<()> {
    cterm::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen).context("cannot open the alternate screen")?;
    // Not every terminal knows it; pasting then still types keys.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    Ok(())
}

/// Ctrl-Z: gives the terminal back as the shell expects it, stops
/// (SIGTSTP, as the terminal driver would have), and takes the terminal
/// again when continued (`fg`); the caller then draws the screen whole.
fn suspend(mouse: bool) -> Result<()> {
    restore_terminal();
    // SAFETY: raise sends a signal to this process; SIGTSTP's default
    // action stops it until SIGCONT, then raise returns.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    take_terminal(mouse)
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::Builder::new()
        .name("revdesk-input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(Event::Key(k)) => match from_event(k) {
                        Some(key) => Msg::Key(key),
                        None => continue,
                    },
                    Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                    Ok(Event::Paste(text)) => Msg::Paste(text),
                    Ok(Event::Mouse(m)) => match m.kind {
                        MouseEventKind::ScrollDown
                        | MouseEventKind::ScrollUp
                        | MouseEventKind::Down(MouseButton::Left) => Msg::Mouse(m),
                        _ => continue,
                    },
                    Ok(_) => continue,
                    Err(_) => Msg::InputClosed,
                };
                let closed = matches!(msg, Msg::InputClosed);
                if tx.send(msg).is_err() || closed {
                    break;
                }
            }
        })
        .map(|_| ())
        .unwrap_or_else(|_| ());
}

fn spawn_signals(tx: Sender<Msg>) -> Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context("cannot install signal handlers")?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("revdesk-signals".into())
        .spawn(move || {
            for s in signals.forever() {
                if tx.send(Msg::Signal(s)).is_err() {
                    break;
                }
            }
        })
        .context("cannot start the signal thread")?;
    Ok(handle)
}

/// Where the last frame put things a click can hit.
#[derive(Debug, Clone, Copy, Default)]
struct Hits {
    width: u16,
    table: Option<TableRows>,
}

/// A mouse event: the wheel moves the list, a click on the tab bar shows
/// a pane, a click on a row of the list selects it.
fn mouse(app: &mut App, m: MouseEvent, hits: Hits) {
    match m.kind {
        MouseEventKind::ScrollDown => app.wheel(true),
        MouseEventKind::ScrollUp => app.wheel(false),
        MouseEventKind::Down(MouseButton::Left) if m.row == 0 => {
            if let Some(p) = super::tab_at(app, hits.width, m.column) {
                app.click_tab(p);
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(t) = hits.table
                && t.area
                    .contains(ratatui::layout::Position::new(m.column, m.row))
            {
                app.click_row(t.offset + (m.row - t.area.y) as usize);
            }
        }
        _ => {}
    }
}

/// Applies one message; returns the exit code when the session must end.
fn handle(app: &mut App, msg: Msg, hits: Hits) -> Option<i32> {
    match msg {
        Msg::Key(k) => {
            app.handle_key(k);
            None
        }
        Msg::Paste(text) => {
            app.paste(&text);
            None
        }
        Msg::Mouse(m) => {
            mouse(app, m, hits);
            None
        }
        Msg::Resize(w, h) => {
            // Keys queued after the resize are judged by the new size.
            app.set_screen_size(w, h);
            None
        }
        Msg::Signal(s) => Some(128 + s),
        Msg::InputClosed => Some(0),
    }
}

fn reload(app: &mut App) {
    match app.reload_from_store() {
        // An open form says so itself (and keeps its own message).
        Ok(true) if app.form().is_none() => {
            app.message = Some("the desk changed in another session: reloaded".into());
        }
        Ok(true) => {}
        Ok(false) => {}
        Err(e) => app.message = Some(format!("could not reload the desk: {e}")),
    }
}

/// The last frame and the table rows it showed.
struct Shown {
    buffer: Buffer,
    pane: crate::app::Pane,
    rows: TableRows,
}

/// When the list on screen moved by exactly one row (a `j` past the
/// bottom, a `k` past the top), moves its lines on the terminal with a
/// scroll region (ratatui's `scroll_region_up`/`_down`: `CSI top;bottom r`,
/// `CSI S` or `CSI T`) and makes ratatui's previous buffer say the same: the frame then writes the new
/// row and the selection, not every row again (400 bytes, not 4,000).
/// Only for a table as wide as the screen (a region scrolls whole lines).
fn scroll_rows<W: Write>(
    terminal: &mut Terminal<LeanBackend<W>>,
    hold: &Hold,
    shown: Shown,
    app: &App,
) -> io::Result<()> {
    let Some(cursor) = app.list_cursor() else {
        return Ok(());
    };
    let (r, full) = (shown.rows.area, shown.buffer.area);
    let size = terminal.size()?;
    if app.pane() != shown.pane
        || r.x != full.x
        || r.width != full.width
        || r.height < 3
        || (size.width, size.height) != (full.width, full.height)
    {
        return Ok(());
    }
    let up = if cursor.offset == shown.rows.offset + 1 {
        true
    } else if cursor.offset + 1 == shown.rows.offset {
        false
    } else {
        return Ok(());
    };
    // The frame before ended with every attribute reset, so the line the
    // terminal opens is blank in the default colours. The backend flushes
    // after the scroll: held, so the scroll goes out with the frame.
    hold.next_flush();
    let backend = terminal.backend_mut();
    let rows = r.y..r.y + r.height;
    if up {
        backend.scroll_region_up(rows, 1)?;
    } else {
        backend.scroll_region_down(rows, 1)?;
    }
    let mut moved = shown.buffer;
    shift_lines(&mut moved, r, up);
    *terminal.current_buffer_mut() = moved;
    // The buffer just set becomes the "previous" one the frame is
    // compared with.
    terminal.swap_buffers();
    Ok(())
}

/// Moves the lines of `rows` in `b` up (or down) by one, as the terminal
/// does, leaving a blank line.
fn shift_lines(b: &mut Buffer, rows: Rect, up: bool) {
    let w = b.area.width as usize;
    let first = (rows.y - b.area.y) as usize;
    let last = first + rows.height as usize - 1;
    let line = |y: usize| y * w..(y + 1) * w;
    if up {
        for y in first..last {
            let (a, rest) = b.content.split_at_mut(line(y + 1).start);
            a[line(y)].clone_from_slice(&rest[..w]);
        }
        b.content[line(last)].fill(Cell::default());
    } else {
        for y in (first + 1..=last).rev() {
            let (a, rest) = b.content.split_at_mut(line(y).start);
            rest[..w].clone_from_slice(&a[line(y - 1)]);
        }
        b.content[line(first)].fill(Cell::default());
    }
}

/// Clears the screen and forgets the last frame, so the next one is drawn
/// whole. (`Terminal::clear` would ask the terminal for the cursor
/// position: a query whose answer the input thread would swallow.)
fn full_clear<W: Write>(terminal: &mut Terminal<LeanBackend<W>>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Gives every buffer of 1 MiB or more its own mapping, handed back to
/// the system when freed. glibc's default threshold rises each time such
/// a buffer is freed, after which big buffers come from the heap and what
/// they leave stays resident; the session builds and drops several (search
/// texts, the desk read again after a save). About 1 MB less peak RSS at a
/// hundred times the real desk. Not lower: the lists a keystroke builds
/// (160,000 rows, 0.65 MB) would then be fresh pages each time, 0.5 ms a
/// key on Contacts.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is
    // called before the session allocates its data.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// What the session starts with, read before the screen changes.
struct Setup {
    app: App,
    mouse_on: bool,
    store_version: Option<i64>,
    color: bool,
    palettes: theme::Palettes,
}

/// The app on `store`, with the keymap, configuration, theme and first
/// message: everything that can fail with a message, before the screen
/// changes.
fn set_up(
    store: Store,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    message: Option<String>,
) -> Result<Setup> {
    let keymap = Keymap::load(Keymap::user_path().as_deref())?;
    // Readers named in the configuration get a read-only session.
    let files = config::config_files(store.path());
    let mouse_on = config::mouse_enabled(&files);
    let (store, read_only_reason) = config::session_store(store, &files)?;
    // Half a megabyte of page cache: the desk is read once, then rows.
    store.limit_page_cache(512)?;
    tune_allocator();
    let desk = store.load_for_screens()?;
    let session = Session {
        db_path: store.path().display().to_string(),
        user: store.user().to_string(),
        read_only: store.mode() == Mode::ReadOnly,
    };
    let empty = desk.parties.is_empty();
    let mut app = App::new(desk, today, as_of, keymap, session);
    let store_version = store.data_version().ok();
    app.attach_store(store, read_only_reason);
    app.theme = theme::kind_from_env();
    let env = |k: &str| std::env::var(k).ok();
    app.copying = osc52::Copying::decide(
        env("REVDESK_CLIPBOARD").as_deref(),
        config::clipboard_off(&files),
        osc52::Route::from_env(
            env("TMUX").as_deref(),
            env("STY").as_deref(),
            env("TERM").as_deref(),
        ),
    );
    let color = !theme::no_color_from_env();
    let (palettes, theme_error) = theme::Palettes::load(theme::theme_path().as_deref());
    app.message = message.or(theme_error);
    if app.message.is_none()
        && let Some(r) = &app.read_only_reason
    {
        app.message = Some(format!("read-only session ({r})"));
    }
    if empty {
        app.message = Some(
            "the store is empty: load a desk with `revdesk import FILE` or `revdesk demo`".into(),
        );
    }
    Ok(Setup {
        app,
        mouse_on,
        store_version,
        color,
        palettes,
    })
}

/// Whether another session changed the store since `version` (then the
/// desk is read again); a failed read goes to the status line. Returns
/// whether the screen needs drawing.
fn poll_store(app: &mut App, version: &mut Option<i64>) -> bool {
    let polled = match app.store() {
        Some(store) => store.data_version(),
        None => Ok(0),
    };
    match polled {
        Ok(v) if Some(v) != *version => {
            *version = Some(v);
            reload(app);
            true
        }
        Ok(_) => false,
        Err(e) => {
            app.message = Some(format!("cannot read the store: {e}"));
            true
        }
    }
}

/// Runs the app on `store` until the user quits. `today` comes from the
/// clock at the edge; `as_of` defaults to it; `message` opens the status
/// bar (e.g. "wrote the demo desk"). Returns the exit code.
pub fn run(
    store: Store,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    message: Option<String>,
) -> Result<i32> {
    // Everything that can fail with a message is done before the screen
    // changes, so errors print on a normal terminal.
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        anyhow::bail!(
            "TERM=dumb: this terminal cannot show the screens; use the commands instead \
             (revdesk overdue, revdesk stats, ...; revdesk --help lists them)"
        );
    }
    let Setup {
        mut app,
        mouse_on,
        store_version,
        color,
        palettes,
    } = set_up(store, as_of, today, message)?;
    let mut theme_kept = app.theme;
    let (tx, rx) = mpsc::channel();
    let signals = spawn_signals(tx.clone())?;

    let guard = TerminalGuard::enter(mouse_on)?;
    let writer = FrameWriter::new(io::stdout());
    let hold = writer.hold();
    let mut terminal =
        Terminal::new(LeanBackend::new(writer)).context("cannot start the terminal")?;
    full_clear(&mut terminal)?;
    let size = terminal.size()?;
    app.set_screen_size(size.width, size.height);
    spawn_input(tx);

    let mut version = store_version;
    let mut last_poll = Instant::now();
    let mut dirty = true;
    let mut shown: Option<Shown> = None;
    let mut hits = Hits::default();
    let code = loop {
        if app.suspend_requested {
            app.suspend_requested = false;
            suspend(mouse_on)?;
            full_clear(&mut terminal)?;
            shown = None;
            dirty = true;
        }
        if app.reload_requested {
            app.reload_requested = false;
            reload(&mut app);
            full_clear(&mut terminal)?;
            shown = None;
            dirty = true;
        }
        if app.theme != theme_kept {
            // The choice made with T is the next session's first theme.
            theme_kept = app.theme;
            if let Some(path) = theme::state_path()
                && let Err(e) = theme::remember(&path, app.theme)
            {
                app.message = Some(format!(
                    "the theme could not be remembered in {}: {e}",
                    path.display()
                ));
            }
        }
        if dirty {
            let th = Theme::with(app.theme, color, &palettes);
            if let Some(s) = shown.take() {
                scroll_rows(&mut terminal, &hold, s, &app)?;
            }
            // What the rows need from the store, read before the frame
            // (a failure goes to the status line the frame shows).
            app.read_for_screen(terminal.size()?.height as usize);
            let mut drawn = super::Drawn::default();
            let frame = terminal.draw(|f| drawn = super::draw_frame(f, &mut app, &th))?;
            // Kept only where `scroll_rows` can use it: a list as wide as
            // the screen with a cursor (not Parties' half-width list, not
            // under an overlay), so other frames copy no buffer.
            let area = frame.area;
            hits = Hits {
                width: area.width,
                table: drawn.table,
            };
            shown = drawn
                .table
                .filter(|t| t.area.x == area.x && t.area.width == area.width)
                .filter(|_| app.list_cursor().is_some())
                .map(|rows| Shown {
                    buffer: frame.buffer.clone(),
                    pane: app.pane(),
                    rows,
                });
            dirty = false;
            // The search texts, once a frame is up (not before it): after
            // the first, and again after a reload or a new as-at date has
            // made them anew (built once; nothing to do otherwise).
            app.data.warm_search(&app.desk);
        }
        if let Some(text) = app.take_clipboard()
            && let osc52::Copying::On(route) = app.copying
        {
            let out = terminal.backend_mut();
            out.write_all(osc52::sequence_for(&text, route).as_bytes())?;
            Write::flush(out)?;
        }
        let wait = POLL.saturating_sub(last_poll.elapsed());
        let mut exit = None;
        match rx.recv_timeout(wait) {
            Ok(msg) => {
                dirty = true;
                exit = handle(&mut app, msg, hits);
                // Take everything already queued before drawing once.
                while exit.is_none() && !app.suspend_requested {
                    match rx.try_recv() {
                        Ok(msg) => exit = handle(&mut app, msg, hits),
                        Err(_) => break,
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => exit = Some(0),
        }
        if let Some(code) = exit {
            break code;
        }
        if app.quit {
            break 0;
        }
        if last_poll.elapsed() >= POLL {
            last_poll = Instant::now();
            dirty |= poll_store(&mut app, &mut version);
        }
    };
    drop(terminal);
    drop(guard);
    signals.close();
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_one_write_wrapped_in_synchronized_update() {
        let mut w = FrameWriter::new(Vec::new());
        w.write_all(b"abc").unwrap();
        w.write_all(b"def").unwrap();
        assert!(w.get_ref().is_empty(), "nothing leaves before the flush");
        w.flush().unwrap();
        assert_eq!(w.get_ref().as_slice(), b"\x1b[?2026habcdef\x1b[?2026l");
        // An empty flush writes nothing more.
        w.flush().unwrap();
        assert_eq!(w.get_ref().len(), 6 + 16);
    }

    #[test]
    fn a_held_flush_goes_out_with_the_next() {
        let mut w = FrameWriter::new(Vec::new());
        w.write_all(b"scroll").unwrap();
        w.hold().next_flush();
        w.flush().unwrap();
        assert!(w.get_ref().is_empty());
        w.write_all(b"frame").unwrap();
        w.flush().unwrap();
        assert_eq!(w.get_ref().as_slice(), b"\x1b[?2026hscrollframe\x1b[?2026l");
    }

    #[test]
    fn shifting_lines_does_what_the_terminal_does() {
        let lines = |b: &Buffer| -> Vec<String> {
            (0..b.area.height)
                .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
                .collect()
        };
        let text = ["tabs", "row1", "row2", "row3", "stat"];
        let b = Buffer::with_lines(text);
        let rows = Rect::new(0, 1, 4, 3);
        let mut up = b.clone();
        shift_lines(&mut up, rows, true);
        assert_eq!(lines(&up), ["tabs", "row2", "row3", "    ", "stat"]);
        let mut down = b.clone();
        shift_lines(&mut down, rows, false);
        assert_eq!(lines(&down), ["tabs", "    ", "row1", "row2", "stat"]);
    }

    #[test]
    fn an_unflushed_frame_is_dropped_not_written() {
        struct Spy(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
        impl Write for Spy {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.borrow_mut().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        {
            let mut w = FrameWriter::new(Spy(seen.clone()));
            w.write_all(b"half a frame").unwrap();
        }
        assert!(seen.borrow().is_empty());
    }
}
