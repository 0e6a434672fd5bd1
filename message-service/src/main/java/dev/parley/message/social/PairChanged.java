package dev.parley.message.social;

import java.util.UUID;

/**
 * Published (in the transaction that applied it) when the friendship or a block between
 * two people changed, so whatever depends on it, such as their direct conversation, can
 * react.
 */
public record PairChanged(UUID a, UUID b) {

}
