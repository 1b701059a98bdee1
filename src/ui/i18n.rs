//! Labels in Chinese or English: `--lang`, else `[ui] lang`, else the locale.

pub use yusuan::lang::Lang;
