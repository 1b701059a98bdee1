//! Load errors that name the file, the place and what was expected.

use std::fmt;

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The whole file (cannot be read, too large, …).
    File,
    /// A position in the JSON text, 1-based, with the model path when known (`tables[2].rows[5].amounts[3]`).
    Text {
        line: usize,
        column: usize,
        path: Option<String>,
    },
    /// A place in the model: `tables[2] (t03) row 5`.
    Model(String),
    /// Where something was printed in a PDF: `p. 3 支出预算总表`.
    Printed(String),
}

/// One problem with one input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it (or `<embedded>/name` for the built-in sample).
    pub file: String,
    pub place: Place,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Place::File => write!(f, "{}: {}", self.file, self.message),
            Place::Text { line, column, path } => {
                write!(f, "{}:{line}:{column}: ", self.file)?;
                if let Some(path) = path.as_deref().filter(|p| !p.is_empty() && *p != ".") {
                    write!(f, "at {path}: ")?;
                }
                f.write_str(&self.message)
            }
            Place::Model(place) | Place::Printed(place) => {
                write!(f, "{}: {place}: {}", self.file, self.message)
            }
        }
    }
}

impl std::error::Error for LoadError {}
