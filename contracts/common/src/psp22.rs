//! The PSP22 fungible-token standard (ink! 5 selectors and event signatures).
//!
//! Trait and message names are the standard's, so the selectors are the standard's
//! (`PSP22::transfer` is `0xdb20f9f5`) and any wallet, DEX or contract written against
//! the `psp22` crate calls our tokens unchanged. The event types have the standard's
//! names, fields and topics, hence the same signature topics.
use ink::prelude::{string::String, vec::Vec};
use ink::primitives::AccountId;

/// The standard's error type.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PSP22Error {
    /// An error of the implementation, named by its text.
    Custom(String),
    /// The account holds fewer tokens than the operation moves.
    InsufficientBalance,
    /// The spender's allowance is smaller than the operation moves.
    InsufficientAllowance,
    /// Deprecated in the standard; never returned.
    ZeroRecipientAddress,
    /// Deprecated in the standard; never returned.
    ZeroSenderAddress,
    /// Deprecated in the standard; never returned.
    SafeTransferCheckFailed(String),
}

/// PSP22: balances, transfers and allowances.
#[ink::trait_definition]
pub trait PSP22 {
    /// Total number of tokens in existence.
    #[ink(message)]
    fn total_supply(&self) -> u128;

    /// Tokens held by `owner`.
    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> u128;

    /// Tokens `spender` may still move from `owner`'s account.
    #[ink(message)]
    fn allowance(&self, owner: AccountId, spender: AccountId) -> u128;

    /// Moves `value` tokens from the caller to `to`.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, value: u128, data: Vec<u8>) -> Result<(), PSP22Error>;

    /// Moves `value` tokens from `from` to `to` using the caller's allowance.
    #[ink(message)]
    fn transfer_from(&mut self, from: AccountId, to: AccountId, value: u128, data: Vec<u8>) -> Result<(), PSP22Error>;

    /// Sets the caller's allowance for `spender` to `value`.
    #[ink(message)]
    fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error>;

    /// Raises the caller's allowance for `spender` by `delta_value`.
    #[ink(message)]
    fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> Result<(), PSP22Error>;

    /// Lowers the caller's allowance for `spender` by `delta_value`.
    #[ink(message)]
    fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> Result<(), PSP22Error>;
}

/// PSP22 metadata extension.
#[ink::trait_definition]
pub trait PSP22Metadata {
    /// The token's name.
    #[ink(message)]
    fn token_name(&self) -> Option<String>;
    /// The token's ticker symbol.
    #[ink(message)]
    fn token_symbol(&self) -> Option<String>;
    /// Decimals of the token's display unit.
    #[ink(message)]
    fn token_decimals(&self) -> u8;
}

/// An allowance changed.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Approval {
    /// The account whose tokens may be spent.
    #[ink(topic)]
    pub owner: AccountId,
    /// The account allowed to spend them.
    #[ink(topic)]
    pub spender: AccountId,
    /// The allowance now in force.
    pub amount: u128,
}

/// Tokens moved; `from` is `None` for a mint, `to` is `None` for a burn.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Transfer {
    /// The sender, or `None` when tokens are minted.
    #[ink(topic)]
    pub from: Option<AccountId>,
    /// The recipient, or `None` when tokens are burned.
    #[ink(topic)]
    pub to: Option<AccountId>,
    /// Number of tokens moved.
    pub value: u128,
}

#[cfg(test)]
mod tests {
    use ink::env::Event;

    #[test]
    fn events_carry_the_reference_implementations_signatures() {
        assert_eq!(super::Transfer::SIGNATURE_TOPIC, psp22::Transfer::SIGNATURE_TOPIC);
        assert_eq!(super::Approval::SIGNATURE_TOPIC, psp22::Approval::SIGNATURE_TOPIC);
        assert!(super::Transfer::SIGNATURE_TOPIC.is_some());
    }

    #[test]
    fn errors_encode_like_the_reference_implementations() {
        use ink::scale::Encode;
        assert_eq!(super::PSP22Error::InsufficientAllowance.encode(), psp22::PSP22Error::InsufficientAllowance.encode());
        assert_eq!(super::PSP22Error::Custom("x".into()).encode(), psp22::PSP22Error::Custom("x".into()).encode());
    }
}
