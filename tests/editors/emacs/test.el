;;; test.el --- Emacs + Eglot test of editors/emacs/loopwarden.el  -*- lexical-binding: t; -*-

;; Debian's emacs-nox 28 with elpa-eglot 1.9, in batch mode:
;;   LOOPWARDEN=build/loopwarden LW_PLUGIN=editors/emacs LW_FIXTURES=tests/editors/fixtures \
;;     emacs -Q --batch -l tests/editors/emacs/test.el
;; Opens a Python file, lets Eglot start loopwarden through the `eglot-server-programs' entry
;; that loopwarden.el registers, and waits for the Flymake diagnostic (line and message).
;; Then, when the server offers code actions, applies the quick fix with Eglot's own code
;; action machinery and runs `loopwarden-fix-all'.  Every wait has a timeout.
;; Exit status: 0 passed, 1 failed, 77 the code-action steps were skipped because the server
;; announces no codeActionProvider (the diagnostics part passed).
;; Eglot 1.9 in batch (see the recipes): the major mode is passed to `eglot' as a list, Flymake
;; is started by hand and didChange is sent by hand.

;;; Code:

(require 'cl-lib)

(defvar lwt-timeout (string-to-number (or (getenv "LW_TIMEOUT") "15")))
(defvar lwt-started (float-time))
(defvar lwt-work nil "The temporary project folder, deleted at the end.")

(defun lwt-say (fmt &rest args)
  (princ (format "[emacs test +%.1fs] %s\n" (- (float-time) lwt-started) (apply #'format fmt args))))

(define-error 'lwt-failure "loopwarden test failure")
(defun lwt-fail (fmt &rest args) (signal 'lwt-failure (list (apply #'format fmt args))))

(defun lwt-wait (what pred)
  "Wait up to `lwt-timeout' seconds for PRED, processing input; fail naming WHAT."
  (let ((deadline (+ (float-time) lwt-timeout)))
    (while (not (funcall pred))
      (when (> (float-time) deadline)
        (lwt-fail "timed out after %ss waiting for %s" lwt-timeout what))
      (accept-process-output nil 0.05))))

(defun lwt-env (name)
  (or (getenv name) (lwt-fail "%s is not set" name)))

(defun lwt-buffer-string () (buffer-substring-no-properties (point-min) (point-max)))

(defun lwt-file-string (file)
  (with-temp-buffer (insert-file-contents-literally file) (buffer-string)))

(defun lwt-loopwarden-diags ()
  "Flymake diagnostics of the current buffer that came from loopwarden."
  (flymake-start)
  (cl-remove-if-not (lambda (d) (string-match-p "loopwarden" (format "%s" (flymake-diagnostic-text d))))
                    (flymake-diagnostics)))

(defun lwt-diag-on-line (line)
  (cl-find-if (lambda (d) (= (line-number-at-pos (flymake-diagnostic-beg d)) line))
              (flymake-diagnostics)))

(defun lwt-wait-diagnostic (line)
  "Wait for a loopwarden diagnostic on LINE; return it."
  (lwt-wait (format "a Flymake diagnostic on line %d" line)
            (lambda () (flymake-start) (lwt-diag-on-line line)))
  (lwt-diag-on-line line))

(defun lwt-send-changes ()
  "Eglot 1.9 in batch: send pending didChange by hand."
  (eglot--signal-textDocument/didChange))

(defun lwt-run ()
  (let* ((binary (expand-file-name (lwt-env "LOOPWARDEN")))
         (plugin (expand-file-name (lwt-env "LW_PLUGIN")))
         (fixtures (expand-file-name (lwt-env "LW_FIXTURES")))
         (work (setq lwt-work (make-temp-file "lw-emacs-" t)))
         (original (lwt-file-string (expand-file-name "blocking.py" fixtures)))
         (fixall-original (lwt-file-string (expand-file-name "fixall.py" fixtures))))
    (lwt-say "Emacs %s, loopwarden %s" emacs-version binary)
    ;; Debian's elpa-eglot, as site-start would activate it without -Q.
    (setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
    (package-initialize)
    (unless (require 'eglot nil t) (lwt-fail "eglot is not installed (apt-get install elpa-eglot)"))
    (add-to-list 'load-path plugin)
    (require 'loopwarden)
    (setq eglot-sync-connect t
          eglot-autoshutdown nil
          eglot-events-buffer-size 200000)
    (with-temp-file (expand-file-name "pyproject.toml" work) (insert "[project]\nname = \"emacs-test\"\n"))
    (with-temp-file (expand-file-name "app.py" work) (insert original))
    (with-temp-file (expand-file-name "fixall.py" work) (insert fixall-original))
    ;; A project root for Eglot without VC: a transient project at WORK.
    (add-hook 'project-find-functions (lambda (_dir) (cons 'transient work)))

    ;; 1. A missing binary: a user-error that names the fix.
    (let* ((loopwarden-command (list (expand-file-name "no-such/loopwarden" work) "server"))
           (err (condition-case e (progn (loopwarden-contact) nil) (user-error (cadr e)))))
      (unless (and err (string-match-p "was not found" err) (string-match-p "cmake --build build" err)
                   (string-match-p "loopwarden-command" err))
        (lwt-fail "no clear error for a missing binary: %S" err))
      (lwt-say "PASS missing binary: %s..." (substring err 0 80)))

    ;; 2. Eglot starts loopwarden for python-mode through the registered contact.
    (setq loopwarden-command (list binary "server")
          loopwarden-settings '(:ignore ()))
    (find-file (expand-file-name "app.py" work))
    (unless (eq major-mode 'python-mode) (lwt-fail "app.py opened in %s" major-mode))
    (let* ((guess (eglot--guess-contact))
           (class (nth 2 guess)))
      (unless (eq class 'eglot-loopwarden)
        (lwt-fail "eglot-server-programs does not pick loopwarden for python-mode: %S" guess))
      (setf (nth 0 guess) (let ((m (nth 0 guess))) (if (listp m) m (list m))))
      (apply #'eglot guess))
    (lwt-wait "Eglot to connect to loopwarden" (lambda () (eglot-current-server)))
    (let ((server (eglot-current-server)))
      (unless (object-of-class-p server 'eglot-loopwarden) (lwt-fail "the server is a %S" (type-of server)))
      (lwt-say "connected: %s" (plist-get (eglot--server-info server) :name))
      (flymake-mode 1)
      (let* ((diag (lwt-wait-diagnostic 6))
             (text (flymake-diagnostic-text diag)))
        (unless (string-match-p "`time\\.sleep` blocks the event loop in async function `handler`" text)
          (lwt-fail "unexpected message on line 6: %S" text))
        (unless (string-match-p "LW102" text) (lwt-fail "the message does not name LW102: %S" text))
        (unless (eq (flymake-diagnostic-type diag) 'eglot-warning)
          (lwt-fail "diagnostic type %S, expected eglot-warning" (flymake-diagnostic-type diag)))
        (save-excursion
          (goto-char (flymake-diagnostic-beg diag))
          (unless (= (current-column) 4) (lwt-fail "the diagnostic starts at column %d, expected 4" (current-column))))
        (lwt-say "PASS Flymake diagnostic on line 6: %s" text))

      ;; 3. Code actions, with Eglot's own machinery.
      (unless (eglot--server-capable :codeActionProvider)
        (lwt-say "SKIPPED code action steps: the server announces no codeActionProvider (textDocument/codeAction is not implemented in loopwarden server yet)")
        (throw 'lwt-status (cons 77 server)))
      (let* ((diag (lwt-diag-on-line 6))
             (actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix"))
             (fix (cl-find-if (lambda (a) (string-match-p "asyncio\\.sleep" (plist-get a :title))) actions)))
        (unless fix (lwt-fail "no quick fix for LW102 among %S" actions))
        (eglot--read-execute-code-action (list fix) server "quickfix")
        (let ((expected (replace-regexp-in-string "time\\.sleep(1)" "await asyncio.sleep(1)" original t t)))
          (unless (equal (lwt-buffer-string) expected)
            (lwt-fail "after the quick fix the buffer is:\n%s\nexpected:\n%s" (lwt-buffer-string) expected)))
        (lwt-say "PASS quick fix %S: line 6 is now `await asyncio.sleep(1)'" (plist-get fix :title))
        (lwt-send-changes)
        (lwt-wait "the diagnostic to disappear after the quick fix" (lambda () (flymake-start) (not (lwt-diag-on-line 6))))
        (lwt-say "PASS the diagnostic is gone after the edit"))

      (find-file (expand-file-name "fixall.py" work))
      (lwt-wait "Eglot to manage fixall.py" (lambda () (bound-and-true-p eglot--managed-mode)))
      (flymake-mode 1)
      (lwt-wait-diagnostic 10)
      (loopwarden-fix-all)
      (let ((expected (replace-regexp-in-string
                       "time\\.sleep(0\\.5)" "await asyncio.sleep(0.5)"
                       (replace-regexp-in-string "time\\.sleep(1)" "await asyncio.sleep(1)" fixall-original t t) t t)))
        (unless (equal (lwt-buffer-string) expected)
          (lwt-fail "loopwarden-fix-all left:\n%s" (lwt-buffer-string))))
      (lwt-say "PASS loopwarden-fix-all fixed both calls")
      (cons 0 server))))

(defun lwt-events-tail (server)
  (let ((events (and server (ignore-errors (jsonrpc-events-buffer server)))))
    (if (buffer-live-p events)
        (with-current-buffer events
          (buffer-substring-no-properties (max (point-min) (- (point-max) 4000)) (point-max)))
      "(no events buffer)")))

(let* ((status 1) server events)
  (condition-case err
      (let ((r (catch 'lwt-status (lwt-run))))
        (setq status (car r) server (cdr r)))
    (lwt-failure (princ (format "FAILED: %s\n" (cadr err))))
    (error (princ (format "FAILED: %S\n" err))))
  (setq server (or server (ignore-errors (eglot-current-server))))
  (setq events (lwt-events-tail server))
  (when (and (/= status 1) server)
    ;; Eglot sends shutdown + exit (and kills the process right after exit).
    (condition-case err
        (with-timeout (lwt-timeout (lwt-fail "timed out shutting the server down"))
          (eglot-shutdown server)
          (lwt-say "PASS shutdown"))
      (error (princ (format "FAILED: shutdown (M-x eglot-shutdown) signalled %S\n" err))
             (setq status 1))))
  (when (= status 1)
    (princ (format "--- Eglot events (tail) ---\n%s\n" events)))
  (when lwt-work
    (dolist (b (buffer-list))
      (with-current-buffer b (set-buffer-modified-p nil)))
    (ignore-errors (delete-directory lwt-work t)))
  (kill-emacs status))

;;; test.el ends here
