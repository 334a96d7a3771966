//! A candidate's answer kept on their own device (localStorage) until the
//! server has it: what they typed in the last second before a reload, a
//! crash or a dropped connection is written here on every keystroke and sent
//! again when the room reconnects.

/// Why a draft could not be kept: the browser refuses storage (private
/// mode, site data blocked) or it is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotKept;

/// The storage key of one answer: the page's path (which names the room)
/// and the question.
pub fn key(room_path: &str, question: usize) -> String {
    format!("mockroom.answer-draft:{room_path}#{question}")
}

fn storage() -> Result<web_sys::Storage, NotKept> {
    web_sys::window()
        .ok_or(NotKept)?
        .local_storage()
        .map_err(|_| NotKept)?
        .ok_or(NotKept)
}

pub fn load(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, text: &str) -> Result<(), NotKept> {
    storage()?.set_item(key, text).map_err(|_| NotKept)
}

pub fn clear(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}
