//! The vocabulary: parties, actions and their hierarchy, scope taxonomies, parameters
//! and derivation rules, resolved into indices the loader and the engine use.
//!
//! A default ceasefire pack is embedded from `vocab/ceasefire.json`; extension files
//! are merged into it by id (see [`VocabFile`]).

mod file;
mod groups;
mod hierarchy;
mod lookup;
mod merge;
mod resolve;
pub(crate) mod scope;
mod suggest;

pub use file::{
    ActionDef, Codes, GroupDef, LabelDef, ParamDef, ParamKind, PartyDef, PatternDef, RuleDef, TaxonomyDef,
    VocabFile,
};
pub use groups::{ANY, Group, TOPIC_TAXONOMY, UNSPECIFIED};
pub(crate) use merge::split_file_path;
pub use resolve::{Action, Label, PartyRef, Pattern, Rule, Vocab, VocabIssue};
pub use suggest::did_you_mean;

/// The default ceasefire pack, as shipped in the repository.
pub const DEFAULT_PACK: &str = include_str!("../../vocab/ceasefire.json");

/// Index of a party in a [`Vocab`].
pub type PartyId = u32;
/// Index of an action in a [`Vocab`].
pub type ActionId = u32;
/// Index of a scope label in a [`Vocab`].
pub type LabelId = u32;

#[cfg(test)]
mod tests {
    use super::Vocab;

    #[test]
    fn default_pack_resolves() {
        let v = Vocab::default_pack().unwrap();
        let (hostilities, _) = v.action("hostilities").unwrap();
        let (strikes, _) = v.action("strikes").unwrap();
        assert!(v.action_contains(hostilities, strikes));
        assert!(!v.action_contains(strikes, hostilities));
        let (aid, negated) = v.action("halt_aid").unwrap();
        assert!(negated);
        assert_eq!(v.action_id(aid), "military_aid");
        let infra = v.label("infrastructure").unwrap();
        let energy = v.label("energy_infrastructure").unwrap();
        assert!(v.label_contains(infra, energy));
        assert_eq!(v.rules.len(), v.merged.rules.len());
    }
}
