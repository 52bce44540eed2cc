//! One list of the app's main actions: the toolbar, the keyboard and the help overlay all
//! read it, so a shortcut shown in the help is the one that works.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    AddFiles,
    AddFolder,
    Start,
    Pause,
    Resume,
    Cancel,
    Retry,
    Remove,
    ClearFinished,
    SelectAll,
    Search,
    Notifications,
    Help,
    Settings,
    Quit,
}

impl Command {
    pub const ALL: [Command; 15] = [
        Command::AddFiles,
        Command::AddFolder,
        Command::Start,
        Command::Pause,
        Command::Resume,
        Command::Cancel,
        Command::Retry,
        Command::Remove,
        Command::ClearFinished,
        Command::SelectAll,
        Command::Search,
        Command::Notifications,
        Command::Help,
        Command::Settings,
        Command::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::AddFiles => "Add files…",
            Command::AddFolder => "Add folder…",
            Command::Start => "Start",
            Command::Pause => "Pause",
            Command::Resume => "Resume",
            Command::Cancel => "Cancel",
            Command::Retry => "Retry",
            Command::Remove => "Remove",
            Command::ClearFinished => "Clear finished",
            Command::SelectAll => "Select all",
            Command::Search => "Search",
            Command::Notifications => "Notifications",
            Command::Help => "Keyboard shortcuts",
            Command::Settings => "Settings",
            Command::Quit => "Quit",
        }
    }

    pub fn shortcut(self) -> KeyboardShortcut {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let (m, k) = match self {
            Command::AddFiles => (cmd, Key::O),
            Command::AddFolder => (cmd_shift, Key::O),
            Command::Start => (cmd, Key::Enter),
            Command::Pause => (cmd_shift, Key::P),
            Command::Resume => (cmd_shift, Key::R),
            Command::Cancel => (cmd_shift, Key::Period),
            Command::Retry => (cmd, Key::R),
            Command::Remove => (Modifiers::NONE, Key::Delete),
            Command::ClearFinished => (cmd_shift, Key::Delete),
            Command::SelectAll => (cmd, Key::A),
            Command::Search => (cmd, Key::F),
            Command::Notifications => (cmd_shift, Key::N),
            Command::Help => (Modifiers::NONE, Key::F1),
            Command::Settings => (cmd, Key::Comma),
            Command::Quit => (cmd, Key::Q),
        };
        KeyboardShortcut::new(m, k)
    }

    /// A second shortcut: Mac keyboards have no Delete key (theirs is Backspace), so removing
    /// is also Cmd+Backspace, as in Finder.
    pub fn also(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        match self {
            Command::Remove => Some(KeyboardShortcut::new(cmd, Key::Backspace)),
            Command::ClearFinished => Some(KeyboardShortcut::new(
                cmd.plus(Modifiers::SHIFT),
                Key::Backspace,
            )),
            _ => None,
        }
    }

    /// Every shortcut of the command, as the help overlay and tooltips show them.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        let mut text = ctx.format_shortcut(&self.shortcut());
        if let Some(also) = self.also() {
            text += &format!(" or {}", ctx.format_shortcut(&also));
        }
        text
    }

    /// Shortcuts that text fields also use (Delete, select all) only act when no field is
    /// being typed in.
    pub fn clashes_with_text(self) -> bool {
        // Ctrl+Enter in the multiline description must not start the queue.
        matches!(self, Command::Remove | Command::SelectAll | Command::Start)
    }

    /// The commands in the order their shortcuts are tried: more modifiers first, because
    /// egui matches shortcuts ignoring extra Shift (Ctrl+O would swallow Ctrl+Shift+O).
    pub fn by_specificity() -> Vec<Command> {
        let weight = |c: &Command| {
            let m = c.shortcut().modifiers;
            u8::from(m.shift) + u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd)
        };
        let mut all = Command::ALL.to_vec();
        all.sort_by_key(|c| std::cmp::Reverse(weight(c)));
        all
    }

    /// What the action does, for tooltips and the help overlay.
    pub fn help(self) -> &'static str {
        match self {
            Command::AddFiles => "Add media files to the queue",
            Command::AddFolder => "Add a folder (walked in the background)",
            Command::Start => "Start the selected rows (all ready rows when none is selected)",
            Command::Pause => "Pause the selected uploads (all when none is selected)",
            Command::Resume => "Resume the selected uploads (all when none is selected)",
            Command::Cancel => "Cancel the selected uploads",
            Command::Retry => "Retry failed or cancelled rows",
            Command::Remove => "Remove the selected rows that are not uploading",
            Command::ClearFinished => "Remove every finished row",
            Command::SelectAll => "Select every row",
            Command::Search => "Filter the queue by name or title",
            Command::Notifications => "Show or hide the notification panel",
            Command::Help => "Show this list (also ?)",
            Command::Settings => "Transfer limits, part size, theme",
            Command::Quit => "Close the window (unfinished uploads resume next time)",
        }
    }
}
