//! The comparison engine: atoms, derivation, relations, the condition graph, burden.
