//! `Ctrl-e` in a multi-line field: the text opens in the user's editor
//! (`$VISUAL`, else `$EDITOR`, else `vi`) and comes back into the field.
//! The terminal loop gives the terminal to the editor meanwhile.

use std::io::Write as _;
use std::process::Command;

/// Edit `text` in the user's editor; the text as saved, without the final
/// line break editors add and with Windows line ends made `\n`. What comes
/// back is checked by the form like typed text (a control character is a
/// problem beside the field, and the form is not saved).
///
/// # Errors
/// One line saying why: no editor could be started, it failed, or the file
/// could not be read back.
pub fn edit(text: &str) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".into());
    let mut file = tempfile::Builder::new()
        .prefix("partnerdeck-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write the file for the editor: {e}"))?;
    // Through the shell, so an editor with arguments (`code --wait`) works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start {editor}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "{editor} exited with {status}; the text is unchanged"
        ));
    }
    let edited = std::fs::read_to_string(file.path())
        .map_err(|e| format!("cannot read back what {editor} saved: {e}"))?;
    let edited = edited.replace("\r\n", "\n");
    let edited = edited.strip_suffix('\n').unwrap_or(&edited);
    Ok(edited.strip_suffix('\r').unwrap_or(edited).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_goes_out_and_comes_back_edited() {
        // SAFETY of the test: tests in this binary do not read EDITOR elsewhere.
        unsafe {
            std::env::remove_var("VISUAL");
            std::env::set_var("EDITOR", "sed -i s/draft/final/");
        }
        assert_eq!(
            edit("draft notes\nline two"),
            Ok("final notes\nline two".into())
        );
        // An editor that writes Windows line ends.
        unsafe {
            std::env::set_var("EDITOR", "sed -i 's/$/\\r/'");
        }
        assert_eq!(edit("one\ntwo"), Ok("one\ntwo".into()));
        unsafe {
            std::env::set_var("EDITOR", "false");
        }
        assert!(
            edit("x")
                .expect_err("failed")
                .contains("the text is unchanged")
        );
    }
}
