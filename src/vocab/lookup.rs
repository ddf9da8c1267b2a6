//! Looking names up in a resolved vocabulary: parties, actions (by id, alias or
//! negating alias), scope labels, and the action and label hierarchies.

use super::{ActionId, LabelId, PartyId, UNSPECIFIED, Vocab};

impl Vocab {
    /// The code of the party whose display name is `name` (case and separators aside):
    /// `Ukraine` or `united_states` name `UA` or `US`.
    pub fn party_by_name(&self, name: &str) -> Option<&str> {
        let normal = |s: &str| -> String {
            s.chars()
                .map(|c| if c == '_' || c == '-' { ' ' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        };
        let wanted = normal(name);
        self.parties
            .iter()
            .find(|p| normal(&p.name) == wanted)
            .map(|p| p.code.as_str())
    }

    /// The party with this code.
    pub fn party(&self, code: &str) -> Option<PartyId> {
        self.party_index.get(code).copied()
    }

    /// The code of a party; [`Vocab::unspecified`] reads `unspecified`.
    pub fn party_code(&self, id: PartyId) -> &str {
        self.parties
            .get(id as usize)
            .map_or(UNSPECIFIED, |p| p.code.as_str())
    }

    /// The action an action name (id or alias) stands for, and whether the name negates it.
    pub fn action(&self, name: &str) -> Option<(ActionId, bool)> {
        self.action_index.get(name).copied()
    }

    /// The id of an action.
    pub fn action_id(&self, id: ActionId) -> &str {
        &self.actions[id as usize].def.id
    }

    /// Every action name: ids, aliases and negations.
    pub fn action_names(&self) -> impl Iterator<Item = &str> {
        self.action_index.keys().map(String::as_str)
    }

    /// Whether action `outer` contains action `inner` (or is it).
    pub fn action_contains(&self, outer: ActionId, inner: ActionId) -> bool {
        self.action_tree.contains(outer, inner)
    }

    /// The level of an action in the hierarchy: 1 for an action without a parent.
    pub fn action_depth(&self, a: ActionId) -> usize {
        self.action_tree.depth(a) as usize
    }

    /// The actions in tree order, each with its level: roots in definition order, each
    /// followed by what it contains.
    pub fn action_tree_order(&self) -> impl Iterator<Item = (ActionId, usize)> + '_ {
        self.action_tree
            .tree_order()
            .map(|(a, d)| (a as ActionId, d as usize))
    }

    /// The ancestors of an action, nearest first, the action itself excluded.
    pub fn action_ancestors(&self, a: ActionId) -> impl Iterator<Item = ActionId> + '_ {
        std::iter::successors(self.actions[a as usize].parent, |&p| {
            self.actions[p as usize].parent
        })
    }

    /// The scope label with this name.
    pub fn label(&self, name: &str) -> Option<LabelId> {
        self.label_index.get(name).copied()
    }

    /// The name of a scope label.
    pub fn label_id(&self, id: LabelId) -> &str {
        &self.labels[id as usize].def.id
    }

    /// Every scope label name.
    pub fn label_names(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().map(|l| l.def.id.as_str())
    }

    /// Whether label `outer` contains label `inner` (or is it).
    pub fn label_contains(&self, outer: LabelId, inner: LabelId) -> bool {
        self.label_tree.contains(outer, inner)
    }

    /// The level of a scope label in its taxonomy: 1 for a label without a parent.
    pub fn label_depth(&self, l: LabelId) -> usize {
        self.label_tree.depth(l) as usize
    }

    /// The scope labels of all taxonomies in tree order, each with its level.
    pub fn label_tree_order(&self) -> impl Iterator<Item = (LabelId, usize)> + '_ {
        self.label_tree
            .tree_order()
            .map(|(l, d)| (l as LabelId, d as usize))
    }

    /// The first action, then the first scope label, deeper in its hierarchy than
    /// `limit` levels, if any: `(false, action)` or `(true, label)`.
    pub fn deeper_than(&self, limit: usize) -> Option<(bool, u32)> {
        let action = self
            .action_tree
            .first_deeper_than(limit)
            .map(|a| (false, a as u32));
        action.or_else(|| self.label_tree.first_deeper_than(limit).map(|l| (true, l as u32)))
    }
}
