//! Whether a multipart upload runs in constant memory. A loopback sink reads
//! and discards each request body (checking its length against
//! `Content-Length`) and answers a file record; the client uploads a 1 GiB
//! file from disk with `files_upload()` and `FilePart::path`, three times,
//! with a progress callback. The figure that matters is the process's peak
//! resident set (`VmHWM`), which must stay under 32 MiB: an encoder that
//! buffered the file would show it here. The sink runs in this process (its
//! memory, a 64 KiB buffer, is included).
//!
//! Forms are in the 2025-12 and later specs:
//! `TOGETHERAI_SPEC=$PWD/../shared/specs/together-2026-04-28.yaml cargo bench --bench upload_rss`.

mod common;

#[cfg(not(togetherai_operation = "files_upload"))]
fn main() {
    println!("skipped: this spec has no POST /files/upload (set TOGETHERAI_SPEC to a 2025-12 or later spec)");
}

#[cfg(togetherai_operation = "files_upload")]
fn main() {
    upload::run();
}

#[cfg(togetherai_operation = "files_upload")]
mod upload {
    use super::common::mb_per_s;
    use super::common::memory::{mib, vm_status, PeakMeter};
    use std::io::Write;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    use std::time::Instant;
    use togetherai::{Client, FilePart};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const MIB: u64 = 1024 * 1024;
    const FILE_LEN: u64 = 1024 * MIB;
    const RUNS: usize = 3;

    pub fn run() {
        let started = Instant::now();
        let path = std::env::temp_dir().join(format!("togetherai-upload-rss-{}.jsonl", std::process::id()));
        write_file(&path);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let received = Arc::new(AtomicU64::new(0));
        let url = runtime.block_on(sink(Arc::clone(&received)));
        let client = Client::builder().api_key("k").base_url(url).build().unwrap();
        println!("Peak RSS uploading a 1 GiB file ({})", path.display());
        let (rss, hwm) = vm_status();
        println!("before any request: VmRSS {}, VmHWM {}\n", mib(rss), mib(hwm));
        let mut meter = PeakMeter::default();
        meter.start_path();
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let progress = Arc::new(AtomicU64::new(0));
            let seen = Arc::clone(&progress);
            let file = FilePart::path(&path).on_progress(move |sent, _| seen.store(sent, Ordering::Relaxed));
            let start = Instant::now();
            let reply = runtime.block_on(
                client.files_upload().purpose("fine-tune").file_name("big.jsonl").file(file).max_retries(0).send(),
            );
            times.push(start.elapsed());
            reply.expect("the sink answers a file record");
            assert_eq!(progress.load(Ordering::Relaxed), FILE_LEN, "progress reaches the file's length");
            assert!(received.swap(0, Ordering::Relaxed) > FILE_LEN, "the sink read the whole form");
        }
        times.sort_unstable();
        let time = times[RUNS / 2];
        let (own, process) = meter.read();
        println!("{:<36} {:>9} {:>8} {:>9} {:>17}", "path", "file MiB", "median s", "MB/s", "peak of the path");
        println!(
            "{:<36} {:>9.0} {:>8.2} {:>9.1} {:>17}",
            "files_upload(), FilePart::path",
            FILE_LEN as f64 / MIB as f64,
            time.as_secs_f64(),
            mb_per_s(FILE_LEN, time),
            own.map_or("n/a (no reset)".to_owned(), mib)
        );
        println!(
            "\nprocess peak (VmHWM): {}; target < 32 MiB: {}",
            mib(process),
            if process < 32 * 1024 { "met" } else { "MISSED" }
        );
        std::fs::remove_file(&path).ok();
        println!("total wall time: {:.1} s", started.elapsed().as_secs_f64());
    }

    /// A 1 GiB file of JSON lines, written in 1 MiB pieces.
    fn write_file(path: &std::path::Path) {
        let line = b"{\"text\": \"Rust is fast, safe and fun to write.\"}\n";
        let piece: Vec<u8> = line.iter().copied().cycle().take(MIB as usize).collect();
        let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        for _ in 0..FILE_LEN / MIB {
            file.write_all(&piece).unwrap();
        }
        file.flush().unwrap();
    }

    /// A server on 127.0.0.1 that reads each request's body to its
    /// `Content-Length`, discarding it, and answers a file record.
    async fn sink(received: Arc<AtomicU64>) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else { return };
                let received = Arc::clone(&received);
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        // The head, then the body's length from it.
                        let mut head = Vec::new();
                        let body_start = loop {
                            let n = match socket.read(&mut buf).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => n,
                            };
                            head.extend_from_slice(&buf[..n]);
                            if let Some(i) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                                break i + 4;
                            }
                        };
                        let text = String::from_utf8_lossy(&head[..body_start]).to_ascii_lowercase();
                        let length: u64 = text
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0);
                        let mut left = length - (head.len() - body_start) as u64;
                        while left > 0 {
                            let n = socket.read(&mut buf).await.unwrap_or(0);
                            if n == 0 {
                                return;
                            }
                            left -= n as u64;
                        }
                        received.fetch_add(length, Ordering::Relaxed);
                        let body = r#"{"id":"file-1","object":"file","created_at":1,"filename":"big.jsonl","bytes":1073741824,"purpose":"fine-tune","FileType":"jsonl","Processed":true,"LineCount":0}"#;
                        let reply = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        if socket.write_all(reply.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        url
    }
}
