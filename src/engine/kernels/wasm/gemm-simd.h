/* The float32 products of gemm-simd.c, for the other kernels of the module (contracts there). */
#ifndef GEMM_SIMD_H
#define GEMM_SIMD_H
void gemm_bn(int m, int n, int k, const float *A, int ars, int acs, const float *B, float *C, int acc);
void gemm_bt(int m, int n, int k, const float *A, const float *B, float *C, int acc);
#endif
