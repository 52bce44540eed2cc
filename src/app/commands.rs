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

    pub fn label(self) -> String {
        match self {
            Command::AddFiles => t!("command-add-files"),
            Command::AddFolder => t!("command-add-folder"),
            Command::Start => t!("command-start"),
            Command::Pause => t!("command-pause"),
            Command::Resume => t!("command-resume"),
            Command::Cancel => t!("command-cancel"),
            Command::Retry => t!("command-retry"),
            Command::Remove => t!("command-remove"),
            Command::ClearFinished => t!("command-clear-finished"),
            Command::SelectAll => t!("command-select-all"),
            Command::Search => t!("command-search"),
            Command::Notifications => t!("command-notifications"),
            Command::Help => t!("command-help"),
            Command::Settings => t!("command-settings"),
            Command::Quit => t!("command-quit"),
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
            text = t!(
                "help-keys-or",
                first = text,
                second = (ctx.format_shortcut(&also))
            );
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
    pub fn help(self) -> String {
        match self {
            Command::AddFiles => t!("command-add-files-help"),
            Command::AddFolder => t!("command-add-folder-help"),
            Command::Start => t!("command-start-help"),
            Command::Pause => t!("command-pause-help"),
            Command::Resume => t!("command-resume-help"),
            Command::Cancel => t!("command-cancel-help"),
            Command::Retry => t!("command-retry-help"),
            Command::Remove => t!("command-remove-help"),
            Command::ClearFinished => t!("command-clear-finished-help"),
            Command::SelectAll => t!("command-select-all-help"),
            Command::Search => t!("command-search-help"),
            Command::Notifications => t!("command-notifications-help"),
            Command::Help => t!("command-help-help"),
            Command::Settings => t!("command-settings-help"),
            Command::Quit => t!("command-quit-help"),
        }
    }
}
