/*
 * plat_emscripten.js -- a JavaScript library for plat_emscripten.c (emcc
 * --js-library): every host thread starts in ctx_thread_main.
 *
 * emscripten 3.1.6 starts a thread through dynCall_ii, which asyncify does
 * not instrument, so a thread's own stack could be unwound but never
 * rewound. Also, per worker: the name of the function a rewind restarts
 * is stored as a number, so the numbers are fixed in the same order on
 * every worker (a fiber switched out on one thread may resume on another);
 * and a thread that ended inside the fiber trampoline (pthread_exit) left
 * it marked running for the next thread of that worker.
 */
mergeInto(LibraryManager.library, {
	$invokeEntryPoint__deps: ['$Asyncify', '$Fibers'],
	$invokeEntryPoint: function (start, arg) {
		Fibers.trampolineRunning = false;
		Asyncify.getCallStackId('ctx_thread_main');
		Asyncify.getCallStackId('dynCall_vi');
		return Module['_ctx_thread_main'](start, arg);
	}
});
