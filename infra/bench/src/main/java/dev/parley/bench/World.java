package dev.parley.bench;

import java.util.List;

/**
 * What the scenarios run on: the signed-in users, the pairs (users 2i and 2i+1, friends,
 * with their direct conversation) and the group (the first users; the creator is the
 * first, every other member is its friend).
 */
record World(List<Account> users, List<Pair> pairs, List<Account> groupMembers, String groupId) {

	/** The pair a user belongs to. */
	Pair pairOf(Account user) {
		int index = this.users.indexOf(user);
		return this.pairs.get(index / 2);
	}

	record Pair(Account a, Account b, String conversationId) {

		Pair with(String conversationId) {
			return new Pair(this.a, this.b, conversationId);
		}

		Account partnerOf(Account user) {
			return (user == this.a) ? this.b : this.a;
		}

	}

}
