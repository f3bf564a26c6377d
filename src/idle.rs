//! The idle timeout of event streams and WebSocket sessions: once nothing
//! has arrived for the limit, the stream ends with `Error::StreamIdle`.

use crate::error::Error;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// A limit on the wait between two arrivals, and its timer, started at the
/// first wait.
pub(crate) struct Idle {
    limit: Option<Duration>,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Idle {
    pub(crate) fn new(limit: Option<Duration>) -> Self {
        Idle { limit, timer: None }
    }

    /// A new limit, counted from the next wait.
    pub(crate) fn set(&mut self, limit: Duration) {
        self.limit = Some(limit);
        self.timer = None;
    }

    /// Something arrived: the wait starts again.
    pub(crate) fn reset(&mut self) {
        if let (Some(limit), Some(timer)) = (self.limit, self.timer.as_mut()) {
            timer.as_mut().reset(tokio::time::Instant::now() + limit);
        }
    }

    /// A new source (a stream reopened): its wait starts when it is first awaited.
    pub(crate) fn restart(&mut self) {
        self.timer = None;
    }

    /// While nothing arrives: [`Error::StreamIdle`] for `operation` after
    /// `events` events, once the limit has passed; `Pending` until then,
    /// and always without a limit.
    pub(crate) fn poll_expired(&mut self, cx: &mut Context<'_>, operation: &'static str, events: u64) -> Poll<Error> {
        let Some(idle) = self.limit else { return Poll::Pending };
        let timer = self.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
        timer.as_mut().poll(cx).map(|()| Error::StreamIdle { operation, idle, events })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn poll(idle: &mut Idle) -> Poll<Error> {
        std::future::poll_fn(|cx| Poll::Ready(idle.poll_expired(cx, "op", 3))).await
    }

    #[tokio::test(start_paused = true)]
    async fn expires_after_the_limit_unless_reset() {
        let mut idle = Idle::new(Some(Duration::from_millis(100)));
        assert!(poll(&mut idle).await.is_pending());
        tokio::time::advance(Duration::from_millis(60)).await;
        idle.reset();
        tokio::time::advance(Duration::from_millis(60)).await;
        assert!(poll(&mut idle).await.is_pending(), "reset at 60 ms: 100 ms from there");
        tokio::time::advance(Duration::from_millis(50)).await;
        match poll(&mut idle).await {
            Poll::Ready(Error::StreamIdle { operation: "op", idle, events: 3 }) => {
                assert_eq!(idle, Duration::from_millis(100))
            }
            other => panic!("expected the idle error, got {other:?}"),
        }
        let mut none = Idle::new(None);
        tokio::time::advance(Duration::from_secs(3600)).await;
        assert!(poll(&mut none).await.is_pending());
    }
}
