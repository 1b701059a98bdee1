//! Back and forward over the places an auditor jumped between (search, finding, table,
//! source), like a browser's history: a jump pushes where you were; back returns to it.

/// How many places are remembered.
const LIMIT: usize = 200;

/// Back and forward stacks of places `P`.
#[derive(Clone, Debug)]
pub struct History<P> {
    back: Vec<P>,
    forward: Vec<P>,
}

impl<P> Default for History<P> {
    fn default() -> Self {
        History {
            back: Vec::new(),
            forward: Vec::new(),
        }
    }
}

impl<P: PartialEq> History<P> {
    /// Remembers `here` before a jump; the forward stack is dropped, as in a browser.
    pub fn push(&mut self, here: P) {
        if self.back.last() != Some(&here) {
            self.back.push(here);
        }
        if self.back.len() > LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// The place before `here`, which becomes the first forward place.
    pub fn back(&mut self, here: P) -> Option<P> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// The place after `here`, undoing a `back`.
    pub fn forward(&mut self, here: P) -> Option<P> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    #[cfg(test)]
    pub fn len_back(&self) -> usize {
        self.back.len()
    }

    #[cfg(test)]
    pub fn len_forward(&self) -> usize {
        self.forward.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward_like_a_browser() {
        let mut h = History::default();
        h.push(1);
        h.push(2);
        assert_eq!(h.back(3), Some(2));
        assert_eq!(h.back(2), Some(1));
        assert_eq!(h.back(1), None);
        assert_eq!(h.forward(1), Some(2));
        assert_eq!(h.forward(2), Some(3));
        assert_eq!(h.forward(3), None);
        h.back(3);
        h.push(9);
        assert_eq!(h.len_forward(), 0, "a new jump drops the forward places");
    }

    #[test]
    fn the_same_place_twice_is_remembered_once() {
        let mut h = History::default();
        h.push(1);
        h.push(1);
        assert_eq!(h.len_back(), 1);
    }
}
