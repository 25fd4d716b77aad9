//! The two-step admin every contract of the suite has: the admin names a successor, who
//! becomes admin only by accepting, so a mistyped address never locks a contract. Its
//! events and the pause event are shared, so indexers read them alike everywhere.
use ink::primitives::AccountId;

/// The admin and the successor it named, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Admin {
    pub current: AccountId,
    pub pending: Option<AccountId>,
}

/// Why an admin operation was refused; each contract maps it onto its own `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminError {
    /// The caller is not the admin.
    Unauthorized,
    /// The caller is not the successor the admin named.
    NotPendingAdmin,
}

/// Implements `From<AdminError>` for a contract's `Error`, which must have the variants
/// `Unauthorized` and `NotPendingAdmin`.
#[macro_export]
macro_rules! admin_error_into {
    ($error:ident) => {
        impl From<$crate::admin::AdminError> for $error {
            fn from(error: $crate::admin::AdminError) -> Self {
                match error {
                    $crate::admin::AdminError::Unauthorized => $error::Unauthorized,
                    $crate::admin::AdminError::NotPendingAdmin => $error::NotPendingAdmin,
                }
            }
        }
    };
}

impl Admin {
    pub fn new(current: AccountId) -> Self {
        Self { current, pending: None }
    }

    /// Refuses unless `caller` is the admin.
    pub fn ensure(&self, caller: AccountId) -> Result<(), AdminError> {
        if caller == self.current {
            Ok(())
        } else {
            Err(AdminError::Unauthorized)
        }
    }

    /// The admin names `successor` (replacing any earlier one).
    pub fn start_transfer(&mut self, caller: AccountId, successor: AccountId) -> Result<AdminTransferStarted, AdminError> {
        self.ensure(caller)?;
        self.pending = Some(successor);
        Ok(AdminTransferStarted { pending: successor })
    }

    /// The named successor takes over.
    pub fn accept(&mut self, caller: AccountId) -> Result<AdminChanged, AdminError> {
        if self.pending != Some(caller) {
            return Err(AdminError::NotPendingAdmin);
        }
        let from = self.current;
        *self = Self::new(caller);
        Ok(AdminChanged { from, to: caller })
    }
}

/// The admin named its successor, who must accept.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct AdminTransferStarted {
    #[ink(topic)]
    pub pending: AccountId,
}

/// The pending admin accepted.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct AdminChanged {
    #[ink(topic)]
    pub from: AccountId,
    #[ink(topic)]
    pub to: AccountId,
}

/// The contract's pausable operations were paused or resumed.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct PausedSet {
    pub paused: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_successor_takes_over_and_only_when_it_accepts() {
        let (alice, bob, eve) = (AccountId::from([1; 32]), AccountId::from([2; 32]), AccountId::from([3; 32]));
        let mut admin = Admin::new(alice);
        assert_eq!(admin.start_transfer(bob, eve), Err(AdminError::Unauthorized));
        assert_eq!(admin.accept(bob), Err(AdminError::NotPendingAdmin));
        assert_eq!(admin, Admin::new(alice));
        assert_eq!(admin.start_transfer(alice, bob), Ok(AdminTransferStarted { pending: bob }));
        assert_eq!(admin.ensure(bob), Err(AdminError::Unauthorized), "named is not yet admin");
        assert_eq!(admin.accept(eve), Err(AdminError::NotPendingAdmin));
        assert_eq!(admin.accept(bob), Ok(AdminChanged { from: alice, to: bob }));
        assert_eq!(admin, Admin::new(bob));
        assert_eq!(admin.ensure(alice), Err(AdminError::Unauthorized));
        assert_eq!(admin.accept(bob), Err(AdminError::NotPendingAdmin), "accepting twice");
    }
}
