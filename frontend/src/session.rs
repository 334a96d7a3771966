//! Who is signed in, shared through the component tree.

use leptos::prelude::*;
use mockroom_api::Me;

use crate::api;
use crate::reactive::State;

#[derive(Clone, Copy)]
pub struct Session {
    /// `None` until the first `/me` answer arrives.
    pub loaded: RwSignal<bool>,
    pub me: State<Option<Me>>,
}

impl Session {
    pub fn provide() -> Session {
        let session = Session {
            loaded: RwSignal::new(false),
            me: State::new(None),
        };
        provide_context(session);
        leptos::task::spawn_local(async move {
            session.set(api::me().await.ok());
            session.loaded.set(true);
        });
        session
    }

    pub fn set(&self, me: Option<Me>) {
        api::set_csrf(me.as_ref().map(|m| m.csrf_token.clone()));
        self.me.set(me);
    }

    /// Fetches `/me` again (after joining a team, say).
    pub fn refresh(self) {
        leptos::task::spawn_local(async move {
            self.set(api::me().await.ok());
        });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
